package dev.parley.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryGovernorTest {
  private final ApiActivity api = new ApiActivity();
  private long nanos = 1_000_000_000L;
  private double cpu = 1.0;
  private final DeliveryGovernor governor = new DeliveryGovernor(api, 50, () -> nanos, () -> cpu);

  /** {@code count} reads over {@code overMillis}, from several clients (4 in flight on average). */
  private void requests(int count, long overMillis) {
    requests(count, overMillis, 4);
  }

  /** {@code count} reads over {@code overMillis}, {@code inFlight} at a time on average. */
  private void requests(int count, long overMillis, double inFlight) {
    for (int i = 0; i < count; i++) {
      api.requestStarted(false);
      api.requestEnded((long) (overMillis * 1_000_000L * inFlight / count));
    }
    nanos += overMillis * 1_000_000L;
  }

  /** {@code count} writes over {@code overMillis}, {@code inFlight} at a time on average. */
  private void writes(int count, long overMillis, double inFlight) {
    for (int i = 0; i < count; i++) {
      api.requestStarted(true);
      api.requestEnded((long) (overMillis * 1_000_000L * inFlight / count));
    }
    nanos += overMillis * 1_000_000L;
  }

  @Test
  void anIdleApiLeavesDeliveryUnlimited() {
    requests(5, 100);
    assertThat(governor.allowance(128)).isEqualTo(128);
    assertThat(governor.busy()).isFalse();
  }

  @Test
  void aBusyApiOnABusyMachineLimitsDeliveryToTheBusyRate() {
    requests(20, 100); // 200 requests a second
    assertThat(governor.allowance(128)).as("a second's worth in the bucket").isEqualTo(50);
    assertThat(governor.busy()).isTrue();
    governor.spent(50);
    requests(2, 60);
    assertThat(governor.allowance(128)).as("3 in 60 ms at 50 a second: less than a round").isZero();
    assertThat(governor.millisToNext())
        .as("a round is a second's worth; the load is sampled again after 100 ms")
        .isEqualTo(100);
    assertThat(governor.allowance(2))
        .as("a smaller want is served from what is there")
        .isEqualTo(2);
    governor.spent(2);
    requests(100, 880);
    assertThat(governor.allowance(128)).as("1 left, and 44 more in 880 ms").isZero();
    requests(12, 100);
    assertThat(governor.allowance(128)).as("a second's worth again: one round").isEqualTo(50);
    governor.spent(50);
    assertThat(governor.allowance(128)).isZero();
  }

  @Test
  void aBusyApiWithCpuToSpareLeavesDeliveryUnlimited() {
    cpu = 0.5;
    requests(500, 100);
    assertThat(governor.allowance(128)).isEqualTo(128);
    assertThat(governor.busy()).isFalse();
  }

  @Test
  void manyWritesMakeTheApiBusyWithCpuToSpare() {
    // The API's writes wait for the worker's commits on SQLite's one writer, CPU or not.
    cpu = 0.3;
    writes(10, 100, 8); // 100 writes a second from 8 clients
    assertThat(governor.allowance(128)).isEqualTo(50);
    assertThat(governor.busy()).isTrue();
  }

  @Test
  void oneClientWritingFastWithCpuToSpareLeavesDeliveryUnlimited() {
    // A test that writes and waits for its notifications, one request at a time.
    cpu = 0.3;
    writes(30, 100, 0.9); // 300 writes a second, one at a time
    assertThat(governor.allowance(128)).isEqualTo(128);
    assertThat(governor.busy()).isFalse();
  }

  @Test
  void oneClientOnABusyMachineLeavesDeliveryUnlimited() {
    // A script sending one request at a time, fast enough that its CPU and parley's load the
    // machine: its notifications are not held for a quiet second.
    requests(50, 100, 0.95); // 500 requests a second, one at a time
    assertThat(governor.allowance(128)).isEqualTo(128);
    assertThat(governor.busy()).isFalse();
    requests(50, 100, 1.5); // the same rate from two clients
    assertThat(governor.allowance(128)).isEqualTo(50);
    assertThat(governor.busy()).isTrue();
  }

  @Test
  void fewWritesAmongManyReadsWithCpuToSpareLeaveDeliveryUnlimited() {
    cpu = 0.5;
    api.requestStarted(true);
    requests(500, 100); // 10 writes a second among 5,010 requests
    assertThat(governor.allowance(128)).isEqualTo(128);
    assertThat(governor.busy()).isFalse();
  }

  @Test
  void anUnknownCpuLoadLeavesTheRequestsToDecide() {
    cpu = -1;
    requests(20, 100);
    assertThat(governor.allowance(128)).isEqualTo(50);
  }

  @Test
  void deliveryRegainsFullSpeedOnceTheLoadDrops() {
    requests(20, 100);
    governor.spent(governor.allowance(128));
    assertThat(governor.allowance(128)).isZero();
    requests(1, 500);
    assertThat(governor.allowance(128)).as("quiet for 500 ms: still busy").isZero();
    assertThat(governor.busy()).isTrue();
    requests(1, 500);
    assertThat(governor.allowance(128)).as("quiet for a second").isEqualTo(128);
    assertThat(governor.busy()).isFalse();
  }

  @Test
  void aBusyRateOfZeroSendsNothingWhileBusy() {
    DeliveryGovernor paused = new DeliveryGovernor(api, 0, () -> nanos, () -> cpu);
    requests(20, 100);
    assertThat(paused.allowance(128)).isZero();
    assertThat(paused.millisToNext()).isEqualTo(100);
  }
}

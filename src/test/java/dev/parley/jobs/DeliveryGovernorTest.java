package dev.parley.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryGovernorTest {
  private final ApiActivity api = new ApiActivity();
  private long nanos = 1_000_000_000L;
  private double cpu = 1.0;
  private final DeliveryGovernor governor = new DeliveryGovernor(api, 50, () -> nanos, () -> cpu);

  private void requests(int count, long overMillis) {
    for (int i = 0; i < count; i++) {
      api.requestStarted();
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
    assertThat(governor.millisToNext()).as("until the round's 5 are there").isEqualTo(40);
    assertThat(governor.allowance(2))
        .as("a smaller want is served from what is there")
        .isEqualTo(2);
    governor.spent(2);
    requests(20, 100);
    assertThat(governor.allowance(128)).as("1 left, and 5 more in 100 ms").isEqualTo(6);
    governor.spent(6);
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
    requests(1, 100);
    assertThat(governor.allowance(128)).isEqualTo(128);
  }

  @Test
  void aBusyRateOfZeroSendsNothingWhileBusy() {
    DeliveryGovernor paused = new DeliveryGovernor(api, 0, () -> nanos, () -> cpu);
    requests(20, 100);
    assertThat(paused.allowance(128)).isZero();
    assertThat(paused.millisToNext()).isEqualTo(100);
  }
}

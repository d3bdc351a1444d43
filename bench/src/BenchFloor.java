import io.javalin.Javalin;

/**
 * The bare HTTP floor for bench/run.sh: the same HTTP stack parley serves with (Javalin 6 on
 * Jetty, from parley's own jar, same JVM and -Xmx), answering {@code GET /floor} with the
 * constant body {@code {"status":"ok"}} - no authentication, no request id, no database, no
 * request log. What wrk gets from it is the most any parley route could get on this machine.
 *
 * <pre>java -cp target/parley.jar:CLASSES BenchFloor MAX_SECONDS</pre>
 *
 * Binds 127.0.0.1 on a free port, prints "listening on port P", and exits by itself after
 * MAX_SECONDS (a safety net; run.sh stops it sooner).
 */
public final class BenchFloor {
  public static void main(String[] args) throws Exception {
    long maxSeconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
            });
    app.get("/floor", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
    app.start("127.0.0.1", 0);
    System.out.println("listening on port " + app.port());
    System.out.flush();
    Thread.sleep(maxSeconds * 1000);
    app.stop();
    System.exit(0);
  }
}

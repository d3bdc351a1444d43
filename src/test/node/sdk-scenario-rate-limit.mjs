// Drives a running parley into Intercom's rate limit with the official Node SDK (intercom-client)
// and its own retry logic: the workspace of PARLEY_TOKEN may make one request per 10-second
// window (6 a minute). The scenario lists admins until one SDK call was answered 429 and then,
// after the SDK's own back-off, 200; the SDK reads X-RateLimit-Reset to know how long to wait.
//
// Environment: PARLEY_BASE_URL, PARLEY_TOKEN.
// Prints one line "SCENARIO_RESULT <json>": sdk_version, and for each SDK call the exchanges it
// made (status, X-RateLimit-* headers, the time the request was sent in Unix milliseconds) and
// whether the call succeeded. Exits 1 on an SDK error.
//
// Run by src/test/java/dev/parley/sdk/NodeSdkRateLimitTest.java.

import { IntercomClient } from "intercom-client";
import { createRequire } from "node:module";

const baseUrl = process.env.PARLEY_BASE_URL;
const token = process.env.PARLEY_TOKEN;
if (!baseUrl || !token) {
  console.error("PARLEY_BASE_URL and PARLEY_TOKEN must be set");
  process.exit(2);
}
const sdkVersion = createRequire(import.meta.url)("intercom-client/package.json").version;

let exchanges = [];
async function tracingFetch(input, init) {
  const sentAt = Date.now();
  const response = await fetch(input, init);
  exchanges.push({
    sent_at_ms: sentAt,
    status: response.status,
    limit: response.headers.get("X-RateLimit-Limit"),
    remaining: response.headers.get("X-RateLimit-Remaining"),
    reset: response.headers.get("X-RateLimit-Reset"),
  });
  return response;
}

// The SDK's default back-off, with one more retry than its default of 2 for a slow machine.
const client = new IntercomClient({ token, baseUrl, maxRetries: 3, timeoutInSeconds: 30, fetch: tracingFetch });

const calls = [];
try {
  for (let i = 0; i < 5; i++) {
    exchanges = [];
    const admins = await client.admins.list();
    calls.push({ exchanges, ok: true, admins: admins.admins.length });
    if (exchanges.some((e) => e.status === 429)) {
      break;
    }
  }
} catch (e) {
  console.error("SDK error:", e?.statusCode, e?.body ?? e);
  console.error("exchanges:", JSON.stringify(exchanges));
  process.exit(1);
}
console.log("SCENARIO_RESULT " + JSON.stringify({ sdk_version: sdkVersion, calls }));

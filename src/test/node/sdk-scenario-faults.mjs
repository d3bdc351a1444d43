// Exercises the Node SDK's (intercom-client's) own retry logic with faults injected by parley's
// operator API (POST /_parley/faults): the next listAdmins answers 429, the one after 503, and the
// SDK call still succeeds after its back-off; then a fault it does not retry (a 404 on
// retrieveConversation) reaches the caller as the SDK's error.
//
// Environment: PARLEY_BASE_URL, PARLEY_TOKEN, PARLEY_OPERATOR_TOKEN.
// Prints one line "SCENARIO_RESULT <json>": sdk_version, the rules as parley answered them, and for
// each SDK call the exchanges it made (status, X-Parley-Fault, X-RateLimit-* headers) and how it
// ended. Exits 1 on an unexpected SDK error.
//
// Run by src/test/java/dev/parley/sdk/NodeSdkFaultsTest.java.

import { IntercomClient } from "intercom-client";
import { createRequire } from "node:module";

const baseUrl = process.env.PARLEY_BASE_URL;
const token = process.env.PARLEY_TOKEN;
const operatorToken = process.env.PARLEY_OPERATOR_TOKEN;
if (!baseUrl || !token || !operatorToken) {
  console.error("PARLEY_BASE_URL, PARLEY_TOKEN and PARLEY_OPERATOR_TOKEN must be set");
  process.exit(2);
}
const sdkVersion = createRequire(import.meta.url)("intercom-client/package.json").version;

async function operator(method, path, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${operatorToken}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (response.status !== 200) {
    console.error("operator API:", method, path, response.status, JSON.stringify(json));
    process.exit(1);
  }
  return json;
}

let exchanges = [];
async function tracingFetch(input, init) {
  const response = await fetch(input, init);
  exchanges.push({
    status: response.status,
    fault: response.headers.get("X-Parley-Fault"),
    remaining: response.headers.get("X-RateLimit-Remaining"),
    reset: response.headers.get("X-RateLimit-Reset"),
  });
  return response;
}

const client = new IntercomClient({ token, baseUrl, maxRetries: 3, timeoutInSeconds: 30, fetch: tracingFetch });

const rules = [
  await operator("POST", "/_parley/faults", { operation_id: "listAdmins", status: 429, count: 1 }),
  await operator("POST", "/_parley/faults", { operation_id: "listAdmins", status: 503, count: 1 }),
];
const calls = [];
try {
  exchanges = [];
  const admins = await client.admins.list();
  calls.push({ call: "admins.list", ok: true, admins: admins.admins.length, exchanges });
} catch (e) {
  console.error("SDK error:", e?.statusCode, e?.body ?? e);
  console.error("exchanges:", JSON.stringify(exchanges));
  process.exit(1);
}

rules.push(await operator("POST", "/_parley/faults", { operation_id: "retrieveConversation", status: 404 }));
exchanges = [];
try {
  await client.conversations.find({ conversation_id: "1" });
  calls.push({ call: "conversations.find", ok: true, exchanges });
} catch (e) {
  calls.push({ call: "conversations.find", ok: false, status: e?.statusCode ?? null, error_code: e?.body?.errors?.[0]?.code ?? null, exchanges });
}
const left = await operator("GET", "/_parley/faults");
console.log("SCENARIO_RESULT " + JSON.stringify({ sdk_version: sdkVersion, rules, calls, rules_left: left.data.length }));

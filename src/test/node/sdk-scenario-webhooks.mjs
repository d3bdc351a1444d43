// An Intercom integration in miniature: a webhook receiver (Node's http server, checking
// X-Hub-Signature with the workspace's client_secret the way Intercom's documentation says) while
// Intercom's official Node SDK (intercom-client) drives one conversation through its life:
// created by the contact, an admin reply, a contact reply, a note, closed, opened, deleted.
// The subscription is made through parley's operator API (/_parley/), the one thing an
// integration does differently against parley (Intercom subscribes in its Developer Hub).
//
// Environment: PARLEY_BASE_URL, PARLEY_TOKEN (a workspace bearer token), PARLEY_OPERATOR_TOKEN.
// Prints one line "SCENARIO_RESULT <json>" with what the SDK got and what the receiver received
// (every notification's topic, id, envelope fields, signature check and item summary), and
// exits 0. On an unexpected error it prints the failed step and exits 1.
//
// Run by src/test/java/dev/parley/sdk/NodeSdkWebhooksScenarioTest.java.

import { IntercomClient, IntercomError } from "intercom-client";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";

const baseUrl = process.env.PARLEY_BASE_URL;
const token = process.env.PARLEY_TOKEN;
const operatorToken = process.env.PARLEY_OPERATOR_TOKEN;
if (!baseUrl || !token || !operatorToken) {
  console.error("PARLEY_BASE_URL, PARLEY_TOKEN and PARLEY_OPERATOR_TOKEN must be set");
  process.exit(2);
}
const sdkVersion = createRequire(import.meta.url)("intercom-client/package.json").version;

const TOPICS = [
  "conversation.user.created",
  "conversation.user.replied",
  "conversation.admin.replied",
  "conversation.admin.noted",
  "conversation.admin.closed",
  "conversation.admin.opened",
  "conversation.deleted",
];

// The receiver: every request's raw body and headers, answered 200 at once.
const received = [];
let notify = () => {};
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    received.push({ raw: Buffer.concat(chunks), headers: req.headers, method: req.method, path: req.url });
    res.writeHead(200).end();
    notify();
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const hookUrl = `http://127.0.0.1:${server.address().port}/intercom/webhooks`;

async function waitFor(condition, what, ms = 30000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; received: ${received.map((r) => topicOf(r)).join(", ")}`);
    }
    await new Promise((resolve) => {
      notify = resolve;
      setTimeout(resolve, 50);
    });
  }
}

function topicOf(r) {
  try {
    return JSON.parse(r.raw.toString("utf8")).topic;
  } catch {
    return "<not json>";
  }
}

// X-Hub-Signature: "sha1=" + hex HMAC-SHA1 of the raw body, keyed by the app's client secret.
function signatureValid(r, secret) {
  const header = r.headers["x-hub-signature"] ?? "";
  const expected = "sha1=" + createHmac("sha1", secret).update(r.raw).digest("hex");
  return header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

async function operator(method, path, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${operatorToken}`, "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return JSON.parse(text);
}

const client = new IntercomClient({ token, baseUrl, maxRetries: 0, timeoutInSeconds: 30 });
let step = "start";
async function run(name, call) {
  step = name;
  return await call();
}

const suffix = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const openingBody = `My order ${suffix} has not arrived.`;
const replyBody = "Sorry about that, checking now.";
const userReplyBody = "Thanks, order number is in the first message.";
const noteBody = "Carrier says it is in the depot.";

try {
  const workspace = await run("operator: workspace", () => operator("GET", "/_parley/workspaces/default"));
  const subscription = await run("operator: subscribe", () =>
    operator("POST", "/_parley/workspaces/default/webhooks", { url: hookUrl, topics: TOPICS }),
  );
  await waitFor(() => received.some((r) => topicOf(r) === "ping"), "the ping");

  const me = await run("admins.identify", () => client.admins.identify());
  const contact = await run("contacts.create", () =>
    client.contacts.create({ role: "user", email: `webhooks-${suffix}@example.com` }),
  );
  const message = await run("conversations.create", () =>
    client.conversations.create({ from: { type: "user", id: contact.id }, body: openingBody }),
  );
  const conversationId = message.conversation_id;
  const lastPartId = (c) => c.conversation_parts?.conversation_parts?.at(-1)?.id ?? null;
  const adminReply = await run("conversations.reply (admin)", () =>
    client.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: "comment", type: "admin", admin_id: me.id, body: replyBody },
    }),
  );
  const userReply = await run("conversations.reply (user)", () =>
    client.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: "comment", type: "user", intercom_user_id: contact.id, body: userReplyBody },
    }),
  );
  const note = await run("conversations.reply (note)", () =>
    client.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: "note", type: "admin", admin_id: me.id, body: noteBody },
    }),
  );
  const closed = await run("conversations.manage (close)", () =>
    client.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: "close", type: "admin", admin_id: me.id },
    }),
  );
  const opened = await run("conversations.manage (open)", () =>
    client.conversations.manage({ conversation_id: conversationId, body: { message_type: "open", admin_id: me.id } }),
  );
  const deleted = await run("conversations.deleteConversation", () =>
    client.conversations.deleteConversation({ conversation_id: conversationId }),
  );

  step = "waiting for conversation.deleted";
  await waitFor(() => received.some((r) => topicOf(r) === "conversation.deleted"), "conversation.deleted");

  const notifications = received.map((r) => {
    const doc = JSON.parse(r.raw.toString("utf8"));
    const item = doc.data?.item ?? {};
    const parts = item.conversation_parts?.conversation_parts ?? [];
    return {
      method: r.method,
      path: r.path,
      content_type: r.headers["content-type"] ?? null,
      user_agent: r.headers["user-agent"] ?? null,
      signature_valid: signatureValid(r, workspace.client_secret),
      type: doc.type,
      app_id: doc.app_id,
      data_type: doc.data?.type ?? null,
      id: doc.id,
      topic: doc.topic,
      delivery_attempts: doc.delivery_attempts,
      created_at: doc.created_at,
      item_type: item.type ?? null,
      item_id: item.id ?? null,
      item_keys: Object.keys(item).sort(),
      item_state: item.state ?? null,
      item_source_body: item.source?.body ?? null,
      item_contact_ids: (item.contacts?.contacts ?? []).map((c) => c.id),
      item_part_ids: parts.map((p) => p.id),
      item_part_types: parts.map((p) => p.part_type),
      item_part_bodies: parts.map((p) => p.body),
    };
  });

  const result = {
    sdk_version: sdkVersion,
    app_id: workspace.app_id,
    subscription_id: subscription.id,
    subscription_topics: subscription.topics,
    admin_id: me.id,
    contact_id: contact.id,
    conversation_id: conversationId,
    admin_reply_part_id: lastPartId(adminReply),
    user_reply_part_id: lastPartId(userReply),
    note_part_id: lastPartId(note),
    close_part_id: lastPartId(closed),
    open_part_id: lastPartId(opened),
    deleted,
    opening_body: openingBody,
    reply_body: replyBody,
    user_reply_body: userReplyBody,
    note_body: noteBody,
    notifications,
  };
  console.log(`SCENARIO_RESULT ${JSON.stringify(result)}`);
  server.close();
  process.exit(0);
} catch (error) {
  console.error(`step ${step} failed: ${error?.constructor?.name}: ${error?.message}`);
  if (error instanceof IntercomError) {
    console.error(`status: ${error.statusCode}`);
    console.error(`body: ${JSON.stringify(error.body)}`);
  }
  server.close();
  process.exit(1);
}

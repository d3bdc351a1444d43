// node:test suite for parley-test-helper.mjs, with Intercom's Node SDK (intercom-client) as the
// client under test: one parley for the file, a workspace per test, the clock moved, a fault
// injected, the journal read. It is also the complete example of docs/testing-with-parley.md.
//
//   cd src/test/node && npm ci && node --test parley-test-helper.test.mjs
//
// Needs target/parley.jar (mvn package), or PARLEY_JAR naming a parley jar. Run in CI by
// src/test/java/dev/parley/sdk/NodeTestHelperTest.java.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { IntercomClient } from "intercom-client";
import { startParley } from "./parley-test-helper.mjs";

const DEC_4_2025 = 1764878400; // Unix seconds

let parley;
before(async () => {
  parley = await startParley();
});
after(async () => {
  await parley?.stop();
});

test("a conversation made through the SDK follows the frozen clock, and the journal lists the calls", async () => {
  const workspace = await parley.createWorkspace();
  const client = new IntercomClient({ token: workspace.token, baseUrl: parley.baseUrl });

  await parley.clock.freezeAt(DEC_4_2025);
  const contact = await client.contacts.create({ role: "user", email: "ada@example.com" });
  const message = await client.conversations.create({ from: { type: "user", id: contact.id }, body: "Where is my order?" });
  assert.equal(contact.created_at, DEC_4_2025);

  assert.deepEqual(await parley.clock.advance(3600), { now: DEC_4_2025 + 3600, frozen: true });
  await client.conversations.reply({
    conversation_id: message.conversation_id,
    body: { message_type: "comment", type: "admin", admin_id: workspace.admin_id, body: "On its way." },
  });
  const conversation = await client.conversations.find({ conversation_id: message.conversation_id });
  assert.equal(conversation.created_at, DEC_4_2025);
  assert.equal(conversation.updated_at, DEC_4_2025 + 3600);

  const journal = await parley.journal(workspace.name);
  assert.deepEqual(
    journal.map((r) => [r.method, r.path_template, r.operation_id, r.status]),
    [
      ["POST", "/contacts", "CreateContact", 200],
      ["POST", "/conversations", "createConversation", 200],
      ["POST", "/conversations/{id}/reply", "replyConversation", 200],
      ["GET", "/conversations/{id}", "retrieveConversation", 200],
    ],
  );
  assert.equal(journal[3].path, `/conversations/${message.conversation_id}`);
  assert.equal(journal[0].created_at, DEC_4_2025);

  const real = await parley.clock.real();
  assert.equal(real.frozen, false);
  assert.ok(real.now > DEC_4_2025 + 3600);
});

test("the SDK retries an injected 429 and its call succeeds", async () => {
  const workspace = await parley.createWorkspace();
  const client = new IntercomClient({ token: workspace.token, baseUrl: parley.baseUrl, maxRetries: 2 });
  const rule = await parley.faults.add({ workspace: workspace.name, operation_id: "listAdmins", status: 429 });

  const admins = await client.admins.list();
  assert.equal(admins.admins.length, 1);
  assert.deepEqual(
    (await parley.journal(workspace.name)).map((r) => [r.operation_id, r.status]),
    [
      ["listAdmins", 429],
      ["listAdmins", 200],
    ],
  );
  assert.deepEqual(await parley.faults.list(), [], `rule ${rule.id} is used up`);
});

test("each workspace sees only its own contacts", async () => {
  const first = await parley.createWorkspace();
  const second = await parley.createWorkspace();
  await new IntercomClient({ token: first.token, baseUrl: parley.baseUrl }).contacts.create({ role: "user", email: "only-here@example.com" });
  const listed = await new IntercomClient({ token: second.token, baseUrl: parley.baseUrl }).contacts.list();
  assert.equal(listed.data.length, 0);
  assert.notEqual(first.app_id, second.app_id);
  assert.deepEqual(await parley.clearJournal(first.name), { deleted: 1 });
});

test("a snapshot restores the workspace with the same ids and drops what came later", async () => {
  const workspace = await parley.createWorkspace();
  const client = new IntercomClient({ token: workspace.token, baseUrl: parley.baseUrl });
  const contact = await client.contacts.create({ role: "user", email: "fixture@example.com" });
  assert.equal((await parley.snapshots.save(workspace.name, "fixture")).objects, 1);
  const later = await client.contacts.create({ role: "user", email: "later@example.com" });

  assert.equal((await parley.snapshots.restore(workspace.name, "fixture")).objects_restored, 1);
  const listed = await client.contacts.list();
  assert.deepEqual(listed.data.map((c) => c.id), [contact.id]);
  assert.notEqual(later.id, contact.id);
  assert.deepEqual((await parley.snapshots.list(workspace.name)).map((s) => s.name), ["fixture"]);
  assert.equal((await parley.snapshots.delete(workspace.name, "fixture")).deleted, true);
});

test("stop ends the server and deletes its data dir", async () => {
  const own = await startParley();
  assert.ok(existsSync(own.dataDir));
  const end = await own.stop();
  // The JVM ends with 143 (128 + TERM) after its shutdown hook stopped parley cleanly.
  assert.ok(end.code === 143 || end.code === 0 || end.signal === "SIGTERM", JSON.stringify(end));
  assert.match(own.log(), /parley stopped/);
  assert.equal(existsSync(own.dataDir), false);
  await assert.rejects(fetch(`${own.baseUrl}/_parley/clock`));
});

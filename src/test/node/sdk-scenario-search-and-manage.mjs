// Drives a running parley with Intercom's official Node SDK (intercom-client), and only with it,
// through conversations.search (nested query, every page through
// pages.next.starting_after), conversations.manage (close, snooze, open, assignment to an admin
// and a team, unassign), attach/detach contacts, redaction of a part and of a source, contacts
// update/archive/unarchive/search/find by external id/delete, tags find/delete, admins away.
//
// Environment: PARLEY_BASE_URL, PARLEY_TOKEN (a bearer token), PARLEY_TEAM_ID (a team created by
// the CLI), PARLEY_OTHER_ADMIN_ID (a second admin, member of that team).
// Prints one line "SCENARIO_RESULT <json>" with the values the SDK observed, and exits 0.
// On any unexpected SDK error it prints the failed step, the status, the body and the last
// exchange, and exits 1. Steps that must fail (a documented error) are recorded with their
// status and body instead.
//
// Run by src/test/java/dev/parley/sdk/NodeSdkSearchAndManageScenarioTest.java.

import { IntercomClient, IntercomError } from "intercom-client";
import { createRequire } from "node:module";

const baseUrl = process.env.PARLEY_BASE_URL;
const token = process.env.PARLEY_TOKEN;
const teamId = process.env.PARLEY_TEAM_ID;
const otherAdminId = process.env.PARLEY_OTHER_ADMIN_ID;
if (!baseUrl || !token || !teamId || !otherAdminId) {
  console.error("PARLEY_BASE_URL, PARLEY_TOKEN, PARLEY_TEAM_ID and PARLEY_OTHER_ADMIN_ID must be set");
  process.exit(2);
}

const sdkVersion = createRequire(import.meta.url)("intercom-client/package.json").version;

// Every HTTP exchange the SDK makes, so that a failure can be reported with its request.
const exchanges = [];
async function tracingFetch(input, init) {
  const url = typeof input === "string" ? input : input.url;
  const method = init?.method ?? "GET";
  const requestBody = typeof init?.body === "string" ? init.body : undefined;
  const response = await fetch(input, init);
  const copy = response.clone();
  let responseBody;
  try {
    responseBody = await copy.text();
  } catch (e) {
    responseBody = `<unreadable: ${e}>`;
  }
  exchanges.push({
    method,
    url,
    request_headers: headersOf(init?.headers),
    request_body: requestBody,
    status: response.status,
    response_body: responseBody,
  });
  return response;
}

function headersOf(headers) {
  const out = {};
  if (!headers) {
    return out;
  }
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    out[name] = name.toLowerCase() === "authorization" ? "Bearer <redacted>" : value;
  }
  return out;
}

// The base URL is the SDK's own "baseUrl" option; retries are off so that every failure shows
// up once, as it happened.
const client = new IntercomClient({ token, baseUrl, maxRetries: 0, timeoutInSeconds: 30, fetch: tracingFetch });

let step = "start";
async function run(name, call) {
  step = name;
  return await call();
}

// A step that must fail: its status and error body (or a note that it did not fail).
async function expectError(name, call) {
  step = name;
  try {
    const value = await call();
    return { failed: false, value: value ?? null };
  } catch (error) {
    if (error instanceof IntercomError) {
      return { failed: true, status: error.statusCode ?? null, body: error.body ?? null };
    }
    throw error;
  }
}

function conversationView(c) {
  return {
    id: c?.id ?? null,
    state: c?.state ?? null,
    open: c?.open ?? null,
    snoozed_until: c?.snoozed_until ?? null,
    admin_assignee_id: c?.admin_assignee_id ?? null,
    team_assignee_id: c?.team_assignee_id ?? null,
    contact_ids: (c?.contacts?.contacts ?? []).map((x) => x.id),
    part_types: (c?.conversation_parts?.conversation_parts ?? []).map((p) => p.part_type),
    last_part: lastPart(c),
  };
}

function lastPart(c) {
  const p = c?.conversation_parts?.conversation_parts?.at(-1);
  if (!p) {
    return null;
  }
  return {
    id: p.id ?? null,
    part_type: p.part_type ?? null,
    body: p.body ?? null,
    author_id: p.author?.id ?? null,
    author_type: p.author?.type ?? null,
    assigned_to_id: p.assigned_to?.id ?? null,
    assigned_to_type: p.assigned_to?.type ?? null,
    redacted: p.redacted ?? null,
  };
}

const suffix = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const digits = suffix.replace(/[^0-9]/g, "");

try {
  const me = await run("admins.identify", () => client.admins.identify());
  const adminId = me.id;

  const contact = await run("contacts.create", () =>
    client.contacts.create({ role: "user", email: `search-manage-${suffix}@example.com`, external_id: `ext-${suffix}`, name: "Ada Before" }),
  );

  // --- conversations.search: 7 conversations, a nested AND/OR query, 3 per page -------------
  const searchWord = `pagedword${digits}`;
  const searchable = [];
  for (let i = 0; i < 7; i++) {
    const made = await run(`conversations.create (searchable ${i})`, () =>
      client.conversations.create({ from: { type: "user", id: contact.id }, body: `Searchable ${searchWord} number ${i}` }),
    );
    searchable.push(made.conversation_id);
  }
  // One more conversation with the word but closed: the OR group must leave it out.
  const closedOne = await run("conversations.create (closed, searchable)", () =>
    client.conversations.create({ from: { type: "user", id: contact.id }, body: `Closed ${searchWord} one` }),
  );
  await run("conversations.manage close (searchable)", () =>
    client.conversations.manage({
      conversation_id: closedOne.conversation_id,
      body: { message_type: "close", type: "admin", admin_id: adminId },
    }),
  );
  const searchStart = exchanges.length;
  const searchPager = await run("conversations.search", () =>
    client.conversations.search({
      query: {
        operator: "AND",
        value: [
          { field: "source.body", operator: "=", value: searchWord },
          { field: "contact_ids", operator: "=", value: contact.id },
          {
            operator: "OR",
            value: [
              { field: "state", operator: "=", value: "open" },
              { field: "state", operator: "=", value: "snoozed" },
            ],
          },
        ],
      },
      pagination: { per_page: 3 },
    }),
  );
  const searchTotal = searchPager.response?.total_count ?? null;
  const searchedIds = [];
  step = "conversations.search (pages)";
  for await (const item of searchPager) {
    searchedIds.push(item.id);
  }
  const searchPages = exchanges
    .slice(searchStart)
    .filter((e) => e.url.endsWith("/conversations/search"))
    .map((e) => {
      const request = JSON.parse(e.request_body ?? "{}");
      const response = JSON.parse(e.response_body ?? "{}");
      return {
        status: e.status,
        request_starting_after: request.pagination?.starting_after ?? null,
        request_per_page: request.pagination?.per_page ?? null,
        ids: (response.conversations ?? []).map((c) => c.id),
        page: response.pages?.page ?? null,
        total_pages: response.pages?.total_pages ?? null,
        next_starting_after: response.pages?.next?.starting_after ?? null,
      };
    });

  // --- conversations.manage ------------------------------------------------------------------
  const managed = searchable[0];
  const closed = await run("conversations.manage close", () =>
    client.conversations.manage({
      conversation_id: managed,
      body: { message_type: "close", type: "admin", admin_id: adminId, body: "Closing from the SDK." },
    }),
  );
  const snoozeUntil = Math.floor(Date.now() / 1000) + 3600;
  const snoozed = await run("conversations.manage snoozed", () =>
    client.conversations.manage({
      conversation_id: managed,
      body: { message_type: "snoozed", admin_id: adminId, snoozed_until: snoozeUntil },
    }),
  );
  const opened = await run("conversations.manage open", () =>
    client.conversations.manage({ conversation_id: managed, body: { message_type: "open", admin_id: adminId } }),
  );
  const assignedAdmin = await run("conversations.manage assignment (admin)", () =>
    client.conversations.manage({
      conversation_id: managed,
      body: { message_type: "assignment", type: "admin", admin_id: adminId, assignee_id: otherAdminId },
    }),
  );
  const assignedTeam = await run("conversations.manage assignment (team)", () =>
    client.conversations.manage({
      conversation_id: managed,
      body: { message_type: "assignment", type: "team", admin_id: adminId, assignee_id: teamId },
    }),
  );
  const closedAgain = await run("conversations.manage close (again)", () =>
    client.conversations.manage({
      conversation_id: managed,
      body: { message_type: "close", type: "admin", admin_id: adminId },
    }),
  );
  const reassignedReopened = await run("conversations.manage assignment (closed, reopens)", () =>
    client.conversations.manage({
      conversation_id: managed,
      body: { message_type: "assignment", type: "admin", admin_id: adminId, assignee_id: adminId },
    }),
  );
  const unassigned = await run("conversations.manage assignment (admin, 0 unassigns)", () =>
    client.conversations.manage({
      conversation_id: managed,
      body: { message_type: "assignment", type: "admin", admin_id: adminId, assignee_id: "0" },
    }),
  );

  // --- attach / detach contacts ---------------------------------------------------------------
  const leadEmail = `lead-${suffix}@example.com`;
  const attached = await run("conversations.attachContactAsAdmin (email, new lead)", () =>
    client.conversations.attachContactAsAdmin({
      conversation_id: managed,
      admin_id: adminId,
      customer: { email: leadEmail },
    }),
  );
  const attachedIds = (attached.contacts?.contacts ?? []).map((c) => c.id);
  const leadId = attachedIds.find((id) => id !== contact.id) ?? null;
  const lead = leadId ? await run("contacts.find (attached lead)", () => client.contacts.find({ contact_id: leadId })) : null;
  const attachedById = await run("conversations.attachContactAsAdmin (intercom_user_id, again)", () =>
    client.conversations.attachContactAsAdmin({
      conversation_id: managed,
      admin_id: adminId,
      customer: { intercom_user_id: contact.id },
    }),
  );
  const detached = await run("conversations.detachContactAsAdmin", () =>
    client.conversations.detachContactAsAdmin({ conversation_id: managed, contact_id: leadId, admin_id: adminId }),
  );
  const detachLast = await expectError("conversations.detachContactAsAdmin (last customer)", () =>
    client.conversations.detachContactAsAdmin({ conversation_id: managed, contact_id: contact.id, admin_id: adminId }),
  );

  // --- redaction -----------------------------------------------------------------------------
  const redactedConversationId = searchable[1];
  const secretReply = `Secret reply ${suffix}`;
  const replied = await run("conversations.reply (to redact)", () =>
    client.conversations.reply({
      conversation_id: redactedConversationId,
      body: { message_type: "comment", type: "admin", admin_id: adminId, body: secretReply },
    }),
  );
  const replyPart = replied.conversation_parts?.conversation_parts?.filter((p) => p.part_type === "comment").at(-1);
  const redactedPart = await run("conversations.redactConversationPart (part)", () =>
    client.conversations.redactConversationPart({
      type: "conversation_part",
      conversation_id: redactedConversationId,
      conversation_part_id: replyPart.id,
    }),
  );
  const beforeSourceRedaction = await run("conversations.find (source id)", () =>
    client.conversations.find({ conversation_id: redactedConversationId }),
  );
  const redactedSource = await run("conversations.redactConversationPart (source)", () =>
    client.conversations.redactConversationPart({
      type: "source",
      conversation_id: redactedConversationId,
      source_id: beforeSourceRedaction.source.id,
    }),
  );
  const afterRedaction = await run("conversations.find (after redaction)", () =>
    client.conversations.find({ conversation_id: redactedConversationId }),
  );
  const redactMissing = await expectError("conversations.redactConversationPart (unknown part)", () =>
    client.conversations.redactConversationPart({
      type: "conversation_part",
      conversation_id: redactedConversationId,
      conversation_part_id: "999999999",
    }),
  );
  const afterParts = afterRedaction.conversation_parts?.conversation_parts ?? [];
  const redactedAfter = afterParts.find((p) => p.id === replyPart.id);

  // --- contacts ------------------------------------------------------------------------------
  const updated = await run("contacts.update", () =>
    client.contacts.update({ contact_id: contact.id, name: "Ada After", phone: "+15550100", custom_attributes: {} }),
  );
  const archived = await run("contacts.archive", () => client.contacts.archive({ contact_id: contact.id }));
  const unarchived = await run("contacts.unarchive", () => client.contacts.unarchive({ contact_id: contact.id }));
  const byExternal = await run("contacts.showContactByExternalId", () =>
    client.contacts.showContactByExternalId({ external_id: `ext-${suffix}` }),
  );
  const contactSearch = await run("contacts.search", () =>
    client.contacts.search({
      query: {
        operator: "AND",
        value: [
          { field: "external_id", operator: "=", value: `ext-${suffix}` },
          {
            operator: "OR",
            value: [
              { field: "role", operator: "=", value: "user" },
              { field: "role", operator: "=", value: "lead" },
            ],
          },
        ],
      },
      pagination: { per_page: 5 },
    }),
  );
  const contactSearchIds = [];
  step = "contacts.search (pages)";
  for await (const item of contactSearch) {
    contactSearchIds.push(item.id);
  }
  const leadSearch = await run("contacts.search (lead by email)", () =>
    client.contacts.search({ query: { field: "email", operator: "=", value: leadEmail } }),
  );
  const leadSearchIds = [];
  step = "contacts.search (lead pages)";
  for await (const item of leadSearch) {
    leadSearchIds.push({ id: item.id, role: item.role });
  }
  const throwaway = await run("contacts.create (to delete)", () =>
    client.contacts.create({ role: "user", email: `gone-${suffix}@example.com` }),
  );
  const deleted = await run("contacts.delete", () => client.contacts.delete({ contact_id: throwaway.id }));
  const findDeleted = await expectError("contacts.find (deleted)", () => client.contacts.find({ contact_id: throwaway.id }));

  // --- tags ----------------------------------------------------------------------------------
  const tagName = `search-manage-tag-${suffix}`;
  const tag = await run("tags.create", () => client.tags.create({ name: tagName }));
  const tagged = await run("tags.tagConversation", () =>
    client.tags.tagConversation({ conversation_id: searchable[2], id: tag.id, admin_id: adminId }),
  );
  const foundTag = await run("tags.find", () => client.tags.find({ tag_id: tag.id }));
  const withTag = await run("conversations.find (tagged)", () => client.conversations.find({ conversation_id: searchable[2] }));
  await run("tags.delete", () => client.tags.delete({ tag_id: tag.id }));
  const tagDeleteExchange = exchanges.at(-1);
  const withoutTag = await run("conversations.find (tag deleted)", () =>
    client.conversations.find({ conversation_id: searchable[2] }),
  );
  const findDeletedTag = await expectError("tags.find (deleted)", () => client.tags.find({ tag_id: tag.id }));

  // --- admins.away ---------------------------------------------------------------------------
  const away = await run("admins.away (on)", () =>
    client.admins.away({ admin_id: Number(adminId), away_mode_enabled: true, away_mode_reassign: true }),
  );
  const back = await run("admins.away (off)", () =>
    client.admins.away({ admin_id: Number(adminId), away_mode_enabled: false, away_mode_reassign: false }),
  );
  const meAfter = await run("admins.find", () => client.admins.find({ admin_id: Number(adminId) }));

  const result = {
    sdk_version: sdkVersion,
    admin_id: adminId,
    other_admin_id: otherAdminId,
    team_id: teamId,
    contact_id: contact.id,
    searchable_ids: searchable,
    closed_searchable_id: closedOne.conversation_id,
    searched_ids: searchedIds,
    search_total_count: searchTotal,
    search_pages: searchPages,
    managed_id: managed,
    closed: conversationView(closed),
    snooze_until: snoozeUntil,
    snoozed: conversationView(snoozed),
    opened: conversationView(opened),
    assigned_admin: conversationView(assignedAdmin),
    assigned_team: conversationView(assignedTeam),
    closed_again: conversationView(closedAgain),
    reassigned_reopened: conversationView(reassignedReopened),
    unassigned: conversationView(unassigned),
    lead_email: leadEmail,
    attached_contact_ids: attachedIds,
    lead_id: leadId,
    lead_role: lead?.role ?? null,
    lead_contact_email: lead?.email ?? null,
    attached_again_contact_ids: (attachedById.contacts?.contacts ?? []).map((c) => c.id),
    detached_contact_ids: (detached.contacts?.contacts ?? []).map((c) => c.id),
    detach_last: detachLast,
    redacted_conversation_id: redactedConversationId,
    secret_reply: secretReply,
    reply_part_id: replyPart?.id ?? null,
    reply_part_body: replyPart?.body ?? null,
    redact_part_response: {
      id: redactedPart.id,
      type: redactedPart.type,
      part: (redactedPart.conversation_parts?.conversation_parts ?? [])
        .filter((p) => p.id === replyPart.id)
        .map((p) => ({ body: p.body ?? null, redacted: p.redacted ?? null }))[0] ?? null,
    },
    source_id: beforeSourceRedaction.source?.id ?? null,
    source_body_before: beforeSourceRedaction.source?.body ?? null,
    redact_source_response: {
      id: redactedSource.id,
      source_body: redactedSource.source?.body ?? null,
      source_redacted: redactedSource.source?.redacted ?? null,
    },
    after_redaction: {
      part_ids: afterParts.map((p) => p.id),
      part_body: redactedAfter?.body ?? null,
      part_redacted: redactedAfter?.redacted ?? null,
      part_author_id: redactedAfter?.author?.id ?? null,
      source_body: afterRedaction.source?.body ?? null,
      source_redacted: afterRedaction.source?.redacted ?? null,
    },
    redact_missing: redactMissing,
    updated: { id: updated.id, name: updated.name ?? null, phone: updated.phone ?? null, email: updated.email ?? null },
    archived: { id: archived.id, type: archived.object ?? archived.type ?? null, archived: archived.archived ?? null },
    unarchived: { id: unarchived.id, archived: unarchived.archived ?? null },
    by_external: {
      id: byExternal?.id ?? null,
      external_id: byExternal?.external_id ?? null,
      name: byExternal?.name ?? null,
      phone: byExternal?.phone ?? null,
    },
    contact_search_ids: contactSearchIds,
    lead_search: leadSearchIds,
    deleted_contact_id: throwaway.id,
    deleted: { id: deleted.id ?? null, deleted: deleted.deleted ?? null, type: deleted.type ?? null },
    find_deleted: findDeleted,
    tag_id: tag.id,
    tag_name: tagName,
    tagged_id: tagged.id,
    found_tag: { id: foundTag.id, name: foundTag.name, type: foundTag.type },
    tag_names_before_delete: (withTag.tags?.tags ?? []).map((t) => t.name),
    tag_delete_status: tagDeleteExchange?.status ?? null,
    tag_names_after_delete: (withoutTag.tags?.tags ?? []).map((t) => t.name),
    find_deleted_tag: findDeletedTag,
    away: { id: away?.id ?? null, away_mode_enabled: away?.away_mode_enabled ?? null, away_mode_reassign: away?.away_mode_reassign ?? null },
    back: { id: back?.id ?? null, away_mode_enabled: back?.away_mode_enabled ?? null, away_mode_reassign: back?.away_mode_reassign ?? null },
    found_admin_away: meAfter?.away_mode_enabled ?? null,
    exchanges: exchanges.map((e) => `${e.method} ${e.url} -> ${e.status}`),
  };
  console.log(`SCENARIO_RESULT ${JSON.stringify(result)}`);
} catch (error) {
  console.error(`SDK step ${step} failed: ${error?.constructor?.name}: ${error?.message}`);
  if (error instanceof IntercomError) {
    console.error(`status: ${error.statusCode}`);
    console.error(`body: ${JSON.stringify(error.body)}`);
  } else if (error?.stack) {
    console.error(error.stack);
  }
  const last = exchanges.at(-1);
  if (last) {
    console.error(`last exchange: ${JSON.stringify(last, null, 2)}`);
  }
  process.exit(1);
}

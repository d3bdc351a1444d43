// Drives a running parley with Intercom's official Node SDK (intercom-client), and only with it.
//
// Environment: PARLEY_BASE_URL (e.g. http://127.0.0.1:8080), PARLEY_TOKEN (a bearer token).
// Prints one line "SCENARIO_RESULT <json>" with the values the SDK observed, and exits 0.
// On any SDK error it prints the failed step, the status and the body, and exits 1.
//
// Run by src/test/java/dev/parley/sdk/NodeSdkScenarioTest.java.

import { Intercom, IntercomClient, IntercomError } from "intercom-client";
import { createRequire } from "node:module";

const baseUrl = process.env.PARLEY_BASE_URL;
const token = process.env.PARLEY_TOKEN;
if (!baseUrl || !token) {
  console.error("PARLEY_BASE_URL and PARLEY_TOKEN must be set");
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

// A call that must fail: what the SDK threw (class, whether it is a NotFoundError, status, the
// error.list code). A call that succeeds fails the scenario.
async function failure(name, call) {
  step = name;
  try {
    await call();
  } catch (error) {
    if (!(error instanceof IntercomError)) {
      throw error;
    }
    return {
      error: error.constructor.name,
      not_found_error: error instanceof Intercom.NotFoundError,
      status: error.statusCode,
      code: error.body?.errors?.[0]?.code ?? null,
    };
  }
  throw new Error(`${name} succeeded; an error was expected`);
}

const suffix = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const email = `sdk-${suffix}@example.com`;
const fileText = `Hello from intercom-client ${sdkVersion}.\nLine two: ${suffix}\n`;
const fileBytes = Buffer.from(fileText, "utf8");
const fileName = "sdk-note.txt";
const tagName = `sdk-tag-${suffix}`;
const replyBody = "Here is the file you asked for.";
const openingBody = "Hello, I need help from the SDK scenario.";

try {
  const me = await run("admins.identify", () => client.admins.identify());
  const adminId = me.id;

  const contact = await run("contacts.create", () => client.contacts.create({ role: "user", email }));

  const message = await run("conversations.create", () =>
    client.conversations.create({ from: { type: "user", id: contact.id }, body: openingBody }),
  );
  const conversationId = message.conversation_id;

  const replied = await run("conversations.reply", () =>
    client.conversations.reply({
      conversation_id: conversationId,
      body: {
        message_type: "comment",
        type: "admin",
        admin_id: adminId,
        body: replyBody,
        attachment_files: [{ name: fileName, content_type: "text/plain", data: fileBytes.toString("base64") }],
      },
    }),
  );

  const tag = await run("tags.create", () => client.tags.create({ name: tagName }));

  const tagged = await run("tags.tagConversation", () =>
    client.tags.tagConversation({ conversation_id: conversationId, id: tag.id, admin_id: adminId }),
  );

  const conversation = await run("conversations.find", () =>
    client.conversations.find({ conversation_id: conversationId }),
  );

  // Walks every page through the SDK's own pager.
  const listedIds = [];
  const pager = await run("conversations.list", () => client.conversations.list({ per_page: 5 }));
  step = "conversations.list (pages)";
  for await (const item of pager) {
    listedIds.push(item.id);
  }

  // conversations.search: a nested query (a body word AND (open OR snoozed)), two per page,
  // walked through the SDK's own pager via pages.next.starting_after to the end.
  const searchWord = `sdkword${suffix.replace(/[^0-9]/g, "")}`;
  const searchable = [];
  for (let i = 0; i < 3; i++) {
    const made = await run("conversations.create (searchable)", () =>
      client.conversations.create({ from: { type: "user", id: contact.id }, body: `Searchable ${searchWord} number ${i}` }),
    );
    searchable.push(made.conversation_id);
  }
  const searchPager = await run("conversations.search", () =>
    client.conversations.search({
      query: {
        operator: "AND",
        value: [
          { field: "source.body", operator: "=", value: searchWord },
          { operator: "OR", value: [
            { field: "state", operator: "=", value: "open" },
            { field: "state", operator: "=", value: "snoozed" },
          ] },
        ],
      },
      pagination: { per_page: 2 },
    }),
  );
  const searchTotal = searchPager.response?.total_count ?? null;
  const searchedIds = [];
  step = "conversations.search (pages)";
  for await (const item of searchPager) {
    searchedIds.push(item.id);
  }
  const searchRequests = exchanges.filter((e) => e.url.endsWith("/conversations/search")).length;
  const foundContacts = await run("contacts.search", () =>
    client.contacts.search({ query: { field: "email", operator: "=", value: email } }),
  );
  const contactSearchIds = [];
  step = "contacts.search (pages)";
  for await (const item of foundContacts) {
    contactSearchIds.push(item.id);
  }

  // deleteConversation, parley's centre, on a conversation of its own (the one above keeps its
  // upload for the test to fetch): then a find and a second delete of the erased id.
  const doomed = await run("conversations.create (to delete)", () =>
    client.conversations.create({ from: { type: "user", id: contact.id }, body: "Delete me through the SDK." }),
  );
  const deleted = await run("conversations.deleteConversation", () =>
    client.conversations.deleteConversation({ conversation_id: doomed.conversation_id }),
  );
  const findAfterDelete = await failure("conversations.find (deleted)", () =>
    client.conversations.find({ conversation_id: doomed.conversation_id }),
  );
  const deleteAgain = await failure("conversations.deleteConversation (again)", () =>
    client.conversations.deleteConversation({ conversation_id: doomed.conversation_id }),
  );

  // createMessage: an admin's in-app message opened in the inbox at once, then an email that
  // waits for the contact's reply (no conversation_id in the answer).
  const outbound = await run("messages.create (inapp)", () =>
    client.messages.create({
      message_type: "inapp",
      body: "An outbound message from the SDK",
      from: { type: "admin", id: Number(adminId) },
      to: { type: "user", id: contact.id },
      create_conversation_without_contact_reply: true,
    }),
  );
  const outboundConversation = await run("conversations.find (outbound)", () =>
    client.conversations.find({ conversation_id: outbound.conversation_id }),
  );
  const emailed = await run("messages.create (email)", () =>
    client.messages.create({
      message_type: "email",
      subject: "Your receipt",
      body: "Thanks for your order",
      template: "plain",
      from: { type: "admin", id: Number(adminId) },
      to: { type: "user", id: contact.id },
    }),
  );

  // Ticket types, their attributes and the workspace's ticket states.
  const ticketTypeName = `SDK ticket type ${Date.now()}`;
  const ticketType = await run("ticketTypes.create", () =>
    client.ticketTypes.create({ name: ticketTypeName, description: "From the SDK", category: "Customer" }),
  );
  const ticketAttribute = await run("ticketTypes.attributes.create", () =>
    client.ticketTypes.attributes.create({
      ticket_type_id: ticketType.id,
      name: "Order number",
      description: "The order it is about",
      data_type: "integer",
      required_to_create: true,
    }),
  );
  const ticketAttributeUpdated = await run("ticketTypes.attributes.update", () =>
    client.ticketTypes.attributes.update({
      ticket_type_id: ticketType.id,
      attribute_id: ticketAttribute.id,
      description: "The order number, from the receipt",
    }),
  );
  const ticketTypeUpdated = await run("ticketTypes.update", () =>
    client.ticketTypes.update({ ticket_type_id: ticketType.id, icon: "\u{1F41E}" }),
  );
  const ticketTypeFound = await run("ticketTypes.get", () =>
    client.ticketTypes.get({ ticket_type_id: ticketType.id }),
  );
  const ticketTypeList = await run("ticketTypes.list", () => client.ticketTypes.list());
  const ticketStates = await run("ticketStates.listTicketStates", () =>
    client.ticketStates.listTicketStates(),
  );
  // Tickets (issue 16): created on the type above, read, updated, replied to, tagged, deleted.
  const ticket = await run("tickets.create", () =>
    client.tickets.create({
      ticket_type_id: ticketType.id,
      contacts: [{ id: contact.id }],
      ticket_attributes: { _default_title_: "SDK ticket", "Order number": 1234 },
    }),
  );
  const ticketFound = await run("tickets.get", () => client.tickets.get({ ticket_id: ticket.id }));
  const ticketUpdated = await run("tickets.update", () =>
    client.tickets.update({ ticket_id: ticket.id, is_shared: true, open: false }),
  );
  const ticketReply = await run("tickets.reply", () =>
    client.tickets.reply({
      ticket_id: ticket.id,
      body: { message_type: "note", type: "admin", body: "A note from the SDK", admin_id: adminId },
    }),
  );
  const ticketTagged = await run("tags.tagTicket", () =>
    client.tags.tagTicket({ ticket_id: ticket.id, id: tag.id, admin_id: adminId }),
  );
  const ticketUntagged = await run("tags.untagTicket", () =>
    client.tags.untagTicket({ ticket_id: ticket.id, tag_id: tag.id, admin_id: adminId }),
  );
  // A second ticket through the job of tickets.enqueueCreateTicket (run at once by parley), read
  // back with jobs.status; both tickets of the type found by tickets.search, walked with for await.
  const ticketJob = await run("tickets.enqueueCreateTicket", () =>
    client.tickets.enqueueCreateTicket({
      ticket_type_id: ticketType.id,
      contacts: [{ id: contact.id }],
      ticket_attributes: { _default_title_: "SDK enqueued ticket", "Order number": 5678 },
    }),
  );
  const ticketJobStatus = await run("jobs.status", () => client.jobs.status({ job_id: ticketJob.id }));
  const ticketSearch = await run("tickets.search", () =>
    client.tickets.search({
      query: { field: "ticket_type_id", operator: "=", value: ticketType.id },
      pagination: { per_page: 1 },
    }),
  );
  const ticketSearchIds = [];
  for await (const item of ticketSearch) {
    ticketSearchIds.push(item.id);
  }
  // A tracker ticket linked to the conversation above (conversation_to_link_id): the ticket and
  // the conversation each list the other in linked_objects.
  const trackerType = await run("ticketTypes.create (tracker)", () =>
    client.ticketTypes.create({ name: "SDK tracker", category: "Tracker" }),
  );
  const linkedTicket = await run("tickets.create (linked)", () =>
    client.tickets.create({
      ticket_type_id: trackerType.id,
      contacts: [{ id: contact.id }],
      conversation_to_link_id: conversationId,
      ticket_attributes: { _default_title_: "SDK linked ticket" },
    }),
  );
  const linkedConversation = await run("conversations.find (linked)", () =>
    client.conversations.find({ conversation_id: conversationId }),
  );
  const ticketDeleted = await run("tickets.deleteTicket", () =>
    client.tickets.deleteTicket({ ticket_id: ticket.id }),
  );
  // Notes and tags on the contact (issue 15): two notes, walked through the SDK's page pager
  // (page, per_page, until an empty page), one found by id; a tag attached, listed, detached;
  // the bulk form of tags.create (users); the contact's own tags and notes lists afterwards.
  const note = await run("notes.create", () =>
    client.notes.create({ contact_id: contact.id, body: "First note from the SDK", admin_id: adminId }),
  );
  const secondNote = await run("notes.create (second)", () =>
    client.notes.create({ contact_id: contact.id, body: "<p>Second <b>note</b></p>" }),
  );
  const notePager = await run("notes.list", () => client.notes.list({ contact_id: contact.id, per_page: 1 }));
  const listedNoteIds = [];
  step = "notes.list (pages)";
  for await (const item of notePager) {
    listedNoteIds.push(item.id);
  }
  const foundNote = await run("notes.find", () => client.notes.find({ note_id: Number(note.id) }));
  const noteOfNobody = await failure("notes.create (unknown contact)", () =>
    client.notes.create({ contact_id: "0123456789abcdef01234567", body: "nobody" }),
  );
  const contactTagged = await run("tags.tagContact", () =>
    client.tags.tagContact({ contact_id: contact.id, id: tag.id }),
  );
  const attachedTags = await run("contacts.listAttachedTags", () =>
    client.contacts.listAttachedTags({ contact_id: contact.id }),
  );
  const contactUntagged = await run("tags.untagContact", () =>
    client.tags.untagContact({ contact_id: contact.id, tag_id: tag.id }),
  );
  const bulkTag = await run("tags.create (users)", () =>
    client.tags.create({ name: `${tagName}-bulk`, users: [{ id: contact.id }] }),
  );
  // Companies (issue 15): create or update by company_id, retrieve, update, attach the contact,
  // list both sides (the contact's companies through the SDK's page pager), list, scroll,
  // segments, detach, delete.
  const companyRemoteId = `sdk-company-${suffix}`;
  const company = await run("companies.createOrUpdate", () =>
    client.companies.createOrUpdate({ company_id: companyRemoteId, name: "SDK Company", plan: "Pro", size: 12 }),
  );
  const companyAgain = await run("companies.createOrUpdate (update)", () =>
    client.companies.createOrUpdate({ company_id: companyRemoteId, industry: "Software" }),
  );
  const retrievedCompanies = await run("companies.retrieve", () =>
    client.companies.retrieve({ company_id: companyRemoteId }),
  );
  const foundCompany = await run("companies.find", () => client.companies.find({ company_id: company.id }));
  const updatedCompany = await run("companies.update", () =>
    client.companies.update({ company_id: company.id, body: { website: "https://sdk.example" } }),
  );
  // Tags on companies: the "tag companies" and "untag companies" forms of tags.create, the
  // company's tags read back through companies.find.
  const companyTag = await run("tags.create (companies)", () =>
    client.tags.create({ name: `${tagName}-company`, companies: [{ id: company.id }] }),
  );
  const taggedCompany = await run("companies.find (tagged)", () =>
    client.companies.find({ company_id: company.id }),
  );
  const companyUntag = await run("tags.create (untag companies)", () =>
    client.tags.create({ name: `${tagName}-company`, companies: [{ company_id: companyRemoteId, untag: true }] }),
  );
  const untaggedCompany = await run("companies.find (untagged)", () =>
    client.companies.find({ company_id: company.id }),
  );
  const attachedCompany = await run("companies.attachContact", () =>
    client.companies.attachContact({ contact_id: contact.id, id: company.id }),
  );
  const companyContacts = await run("companies.listAttachedContacts", () =>
    client.companies.listAttachedContacts({ company_id: company.id }),
  );
  const companySegments = await run("companies.listAttachedSegments", () =>
    client.companies.listAttachedSegments({ company_id: company.id }),
  );
  const contactCompanyPager = await run("contacts.listAttachedCompanies", () =>
    client.contacts.listAttachedCompanies({ contact_id: contact.id, per_page: 1 }),
  );
  const contactCompanyIds = [];
  step = "contacts.listAttachedCompanies (pages)";
  for await (const item of contactCompanyPager) {
    contactCompanyIds.push(item.id);
  }
  const contactWithCompany = await run("contacts.find (with company)", () =>
    client.contacts.find({ contact_id: contact.id }),
  );
  const companyPager = await run("companies.list", () => client.companies.list({ per_page: 60, order: "asc" }));
  const listedCompanyIds = [];
  step = "companies.list (pages)";
  for await (const item of companyPager) {
    listedCompanyIds.push(item.id);
  }
  const scrollPager = await run("companies.scroll", () => client.companies.scroll());
  const scrolledCompanyIds = [];
  step = "companies.scroll (pages)";
  for await (const item of scrollPager) {
    scrolledCompanyIds.push(item.id);
  }
  const detachedCompany = await run("companies.detachContact", () =>
    client.companies.detachContact({ contact_id: contact.id, company_id: company.id }),
  );
  const deletedCompany = await run("companies.delete", () => client.companies.delete({ company_id: company.id }));
  const deletedCompanyFind = await failure("companies.find (deleted)", () =>
    client.companies.find({ company_id: company.id }),
  );

  const contactAfter = await run("contacts.find", () => client.contacts.find({ contact_id: contact.id }));
  // Data events (issue 15): two events of the contact (one with metadata, one sent twice, which
  // Intercom ignores), listed by intercom_user_id, a summary added for a user by user_id, and the
  // user's summaries listed.
  step = "events.create";
  await client.events.create({
    id: contact.id,
    event_name: "placed-order",
    created_at: 1700000000,
    metadata: { order_number: "A-1", price: { amount: 34999, currency: "eur" } },
  });
  await client.events.create({ id: contact.id, event_name: "signed-in", created_at: 1700000100 });
  await client.events.create({ id: contact.id, event_name: "signed-in", created_at: 1700000100 });
  const eventList = await run("events.list", () =>
    client.events.list({ type: "user", intercom_user_id: contact.id, per_page: 10 }),
  );
  const eventUserId = `sdk-user-${suffix}`;
  const eventUser = await run("contacts.create (user with user_id)", () =>
    client.contacts.create({ role: "user", external_id: eventUserId }),
  );
  step = "events.summaries";
  await client.events.summaries({
    user_id: eventUserId,
    event_summaries: { event_name: "opened-app", count: 3, first: 1600000000, last: 1600000500 },
  });
  const eventSummary = await run("events.list (summary)", () =>
    client.events.list({ type: "user", user_id: eventUserId, summary: true }),
  );
  const awayStatusReasons = await run("awayStatusReasons.listAwayStatusReasons", () =>
    client.awayStatusReasons.listAwayStatusReasons(),
  );
  const activityLogs = await run("admins.listAllActivityLogs", () =>
    client.admins.listAllActivityLogs({ created_at_after: "0" }),
  );
  // Merge, block and data attributes (issue 15): a lead with a note merged into the events' user,
  // the lead then unknown; the user blocked; a custom attribute created, archived and listed.
  const mergeLead = await run("contacts.create (lead to merge)", () =>
    client.contacts.create({ role: "lead", email: `sdk-lead-${suffix}@example.com` }),
  );
  await run("notes.create (lead)", () =>
    client.notes.create({ contact_id: mergeLead.id, body: "From the lead", admin_id: adminId }),
  );
  const merged = await run("contacts.mergeLeadInUser", () =>
    client.contacts.mergeLeadInUser({ from: mergeLead.id, into: eventUser.id }),
  );
  const mergedLeadFind = await failure("contacts.find (merged lead)", () =>
    client.contacts.find({ contact_id: mergeLead.id }),
  );
  const blocked = await run("contacts.blockContact", () =>
    client.contacts.blockContact({ contact_id: eventUser.id }),
  );
  const dataAttribute = await run("dataAttributes.create", () =>
    client.dataAttributes.create({
      name: `sdk_seats_${suffix}`,
      model: "contact",
      data_type: "integer",
      description: "Seats",
    }),
  );
  const dataAttributeUpdated = await run("dataAttributes.update", () =>
    client.dataAttributes.update({
      data_attribute_id: dataAttribute.id,
      body: { archived: true, description: "Archived" },
    }),
  );
  const dataAttributeList = await run("dataAttributes.list", () =>
    client.dataAttributes.list({ model: "contact", include_archived: true }),
  );
  // Segments and subscription types: the test seeds one of each through the CLI before the run.
  const segmentList = await run("segments.list", () => client.segments.list({ include_count: true }));
  const firstSegment = segmentList.segments?.[0];
  const foundSegment = firstSegment
    ? await run("segments.find", () => client.segments.find({ segment_id: firstSegment.id }))
    : null;
  const contactSegments = await run("contacts.listAttachedSegments", () =>
    client.contacts.listAttachedSegments({ contact_id: contact.id }),
  );
  const subscriptionTypes = await run("subscriptionTypes.list", () => client.subscriptionTypes.list());
  const firstType = subscriptionTypes.data?.[0];
  let attachedSubscription = null;
  let contactSubscriptions = null;
  let detachedSubscription = null;
  if (firstType) {
    attachedSubscription = await run("contacts.attachSubscription", () =>
      client.contacts.attachSubscription({
        contact_id: contact.id,
        id: firstType.id,
        consent_type: firstType.consent_type,
      }),
    );
    contactSubscriptions = await run("contacts.listAttachedSubscriptions", () =>
      client.contacts.listAttachedSubscriptions({ contact_id: contact.id }),
    );
    detachedSubscription = await run("contacts.detachSubscription", () =>
      client.contacts.detachSubscription({ contact_id: contact.id, subscription_id: firstType.id }),
    );
  }

  // Visitors: the test seeds one (user_id "sdk-visitor") through the CLI before the run.
  const foundVisitor = await run("visitors.find", () =>
    client.visitors.find({ user_id: "sdk-visitor" }),
  );
  const updatedVisitor = await run("visitors.update", () =>
    client.visitors.update({ user_id: "sdk-visitor", name: "SDK visitor" }),
  );
  const convertedVisitor = await run("visitors.mergeToContact", () =>
    client.visitors.mergeToContact({
      type: "user",
      user: { user_id: "sdk-visitor-user", email: "sdk-visitor@example.com" },
      visitor: { user_id: "sdk-visitor" },
    }),
  );

  const parts = conversation.conversation_parts?.conversation_parts ?? [];
  const reply = parts.find((p) => p.part_type === "comment" && p.author?.type === "admin");
  const attachment = reply?.attachments?.[0];
  const replyAttachment = replied.conversation_parts?.conversation_parts
    ?.filter((p) => p.part_type === "comment")
    .at(-1)?.attachments?.[0];

  const result = {
    merge_lead_id: mergeLead.id,
    merge_user_id: eventUser.id,
    merged,
    merged_lead_find: mergedLeadFind,
    blocked,
    data_attribute: dataAttribute,
    data_attribute_updated: dataAttributeUpdated,
    data_attribute_names: dataAttributeList.data.map((a) => a.full_name),
    sdk_version: sdkVersion,
    admin_id: adminId,
    admin_type: me.type,
    contact_id: contact.id,
    contact_type: contact.type,
    contact_role: contact.role,
    contact_email: contact.email,
    message_type: message.type,
    message_body: message.body,
    conversation_id: conversationId,
    reply_type: replied.type,
    reply_id: replied.id,
    reply_attachment: replyAttachment ?? null,
    tag_id: tag.id,
    tag_name: tag.name,
    tag_type: tag.type,
    tagged_id: tagged.id,
    tagged_name: tagged.name,
    retrieved_type: conversation.type,
    retrieved_id: conversation.id,
    source_body: conversation.source?.body ?? null,
    source_author_id: conversation.source?.author?.id ?? null,
    source_author_type: conversation.source?.author?.type ?? null,
    contacts: (conversation.contacts?.contacts ?? []).map((c) => c.id),
    parts_total_count: conversation.conversation_parts?.total_count ?? null,
    parts_count: parts.length,
    part_types: parts.map((p) => p.part_type),
    reply_body: reply?.body ?? null,
    reply_author_id: reply?.author?.id ?? null,
    attachment_count: reply?.attachments?.length ?? 0,
    attachment_name: attachment?.name ?? null,
    attachment_content_type: attachment?.content_type ?? null,
    attachment_filesize: attachment?.filesize ?? null,
    attachment_url: attachment?.url ?? null,
    sent_filesize: fileBytes.length,
    sent_data_base64: fileBytes.toString("base64"),
    tag_names: (conversation.tags?.tags ?? []).map((t) => t.name),
    listed_count: listedIds.length,
    listed_contains_conversation: listedIds.includes(conversationId),
    searchable_ids: searchable,
    searched_ids: searchedIds,
    search_total_count: searchTotal,
    search_requests: searchRequests,
    contact_search_ids: contactSearchIds,
    deleted_conversation_id: doomed.conversation_id,
    deleted: deleted,
    find_after_delete: findAfterDelete,
    delete_again: deleteAgain,
    outbound_type: outbound.type,
    outbound_id: outbound.id,
    outbound_message_type: outbound.message_type,
    outbound_conversation_id: outbound.conversation_id ?? null,
    outbound_source_id: outboundConversation.source?.id ?? null,
    outbound_source_delivered_as: outboundConversation.source?.delivered_as ?? null,
    outbound_source_author_id: outboundConversation.source?.author?.id ?? null,
    outbound_state: outboundConversation.state,
    outbound_contacts: (outboundConversation.contacts?.contacts ?? []).map((c) => c.id),
    email_type: emailed.type,
    email_message_type: emailed.message_type,
    email_subject: emailed.subject ?? null,
    email_conversation_id: emailed.conversation_id ?? null,
    ticket_type_id: ticketType.id,
    ticket_type_name: ticketTypeFound.name,
    ticket_type_icon: ticketTypeUpdated.icon,
    ticket_type_attribute_names: (ticketTypeFound.ticket_type_attributes?.data ?? []).map((a) => a.name),
    ticket_attribute_required: ticketAttribute.required_to_create,
    ticket_attribute_description: ticketAttributeUpdated.description,
    ticket_types_listed: (ticketTypeList.data ?? []).map((t) => t.id),
    ticket_state_categories: (ticketStates.data ?? []).map((s) => s.category),
    ticket_id: ticket.id,
    ticket_title: ticketFound.ticket_attributes?._default_title_ ?? null,
    ticket_order_number: ticketFound.ticket_attributes?.["Order number"] ?? null,
    ticket_state_category: ticketFound.ticket_state?.category ?? null,
    ticket_contacts: (ticketFound.contacts?.contacts ?? []).map((c) => c.id),
    ticket_updated_open: ticketUpdated.open,
    ticket_updated_shared: ticketUpdated.is_shared,
    ticket_reply_part_type: ticketReply.part_type,
    ticket_tagged_id: ticketTagged.id,
    ticket_untagged_id: ticketUntagged.id,
    ticket_deleted: ticketDeleted,
    ticket_job_status: ticketJob.status,
    ticket_job_resource_id: ticketJob.resource_id ?? null,
    ticket_job_status_again: ticketJobStatus.status,
    ticket_job_status_resource_id: ticketJobStatus.resource_id ?? null,
    ticket_search_ids: ticketSearchIds,
    linked_ticket_id: linkedTicket.id,
    linked_ticket_objects: linkedTicket.linked_objects,
    linked_conversation_objects: linkedConversation.linked_objects,
    note: note,
    second_note_id: secondNote.id,
    second_note_body: secondNote.body,
    listed_note_ids: listedNoteIds,
    note_list_requests: exchanges.filter((e) => e.url.includes(`/contacts/${contact.id}/notes?`)).length,
    found_note: foundNote,
    note_of_nobody: noteOfNobody,
    contact_tagged: contactTagged,
    attached_tag_ids: (attachedTags.data ?? []).map((t) => t.id),
    contact_untagged_id: contactUntagged.id,
    bulk_tag_id: bulkTag.id,
    bulk_tag_name: bulkTag.name,
    contact_after_tags: contactAfter.tags ?? null,
    contact_after_notes: contactAfter.notes ?? null,
    event_list: eventList,
    event_user_id: eventUser.id,
    event_summary: eventSummary,
    away_status_reasons: awayStatusReasons,
    activity_logs: activityLogs,
    segment_list: segmentList,
    found_segment: foundSegment,
    contact_segments: contactSegments,
    subscription_types: subscriptionTypes,
    attached_subscription: attachedSubscription,
    contact_subscriptions: contactSubscriptions,
    detached_subscription: detachedSubscription,
    found_visitor: foundVisitor,
    updated_visitor: updatedVisitor,
    converted_visitor: convertedVisitor,
    company: company,
    company_again_id: companyAgain.id,
    company_again_industry: companyAgain.industry ?? null,
    retrieved_company_ids: (retrievedCompanies.data ?? []).map((c) => c.id),
    found_company_id: foundCompany.id,
    company_tag_id: companyTag.id,
    company_tag_name: companyTag.name,
    company_untag_id: companyUntag.id,
    tagged_company_tags: taggedCompany.tags,
    untagged_company_tags: untaggedCompany.tags,
    updated_company_website: updatedCompany.website ?? null,
    attached_company_user_count: attachedCompany.user_count,
    company_contact_ids: (companyContacts.data ?? []).map((c) => c.id),
    company_segments: companySegments.data ?? null,
    contact_company_ids: contactCompanyIds,
    contact_companies: contactWithCompany.companies ?? null,
    listed_company_ids: listedCompanyIds,
    scrolled_company_ids: scrolledCompanyIds,
    detached_company_user_count: detachedCompany.user_count,
    deleted_company: deletedCompany,
    deleted_company_find: deletedCompanyFind,
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

-- wrk script for bench/search.sh: POSTs Intercom search requests to parley.
-- Arguments (after --): <query> <meta file>
--   q1: state = open AND admin_assignee_id = <a random admin>
--   q2: source.body = <a random word of the meta file's list (several frequencies)>
--   q3: created_at within a 30-day range, 50 per page, following pages.next.starting_after
--       to the end and starting again; every page is one request.
-- Contacts and companies (meta of ContactSearchBenchLoader):
--   c1: email = <one of the meta file's emails>
--   c2: role = user AND last_seen_at within a 30-day range, 50 per page, all pages, again
--   c3: tag_id = <a random tag> AND role = user, 50 per page, first page
--   k1: POST /companies/list?page=<random page of 60>&per_page=60
--   k2: GET /companies/scroll, following scroll_param to the end and starting again
-- Tickets (meta of TicketSearchBenchLoader):
--   t1: state = <a random state category> AND ticket_type_id = <a random type>, first page
--   t2: created_at within a 30-day range, 50 per page, all pages, again
--   t3: admin_assignee_id = <a random admin> AND open = true, first page
-- Run with one connection per thread (-t N -c N): the q3/c2/t2 cursor and k2's scroll_param are
-- per thread.

local query, token, admins, words, range_from, range_to
local tags, emails, types, states, companies = {}, {}, {}, {}, 0
local cursor = nil
local pages, restarts = 0, 0

local function split(s)
  local out = {}
  for item in string.gmatch(s, "%S+") do out[#out + 1] = item end
  return out
end

function init(args)
  query = args[1]
  admins, words = {}, {}
  for line in io.lines(args[2]) do
    local parts = split(line)
    if parts[1] == "token" then token = parts[2]
    elseif parts[1] == "admins" then for i = 2, #parts do admins[#admins + 1] = parts[i] end
    elseif parts[1] == "words" then for i = 2, #parts do words[#words + 1] = parts[i] end
    elseif parts[1] == "tags" then for i = 2, #parts do tags[#tags + 1] = parts[i] end
    elseif parts[1] == "emails" then for i = 2, #parts do emails[#emails + 1] = parts[i] end
    elseif parts[1] == "types" then for i = 2, #parts do types[#types + 1] = parts[i] end
    elseif parts[1] == "states" then for i = 2, #parts do states[#states + 1] = parts[i] end
    elseif parts[1] == "companies" then companies = tonumber(parts[2])
    elseif parts[1] == "range" then
      range_to = tonumber(parts[3])
      range_from = range_to - 30 * 86400
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Intercom-Version"] = "2.14"
end

local function field(name, op, value)
  return '{"field":"' .. name .. '","operator":"' .. op .. '","value":' .. value .. '}'
end

local function all(...)
  return '{"operator":"AND","value":[' .. table.concat({...}, ",") .. ']}'
end

local function paged(query_json, per_page)
  local after = cursor and (',"starting_after":"' .. cursor .. '"') or ""
  return '{"query":' .. query_json .. ',"pagination":{"per_page":' .. per_page .. after .. '}}'
end

local function range()
  return field("created_at", ">", range_from), field("created_at", "<", range_to)
end

function request()
  local body
  local path = "/conversations/search"
  if query == "q1" then
    body = '{"query":' .. all(field("state", "=", '"open"'),
      field("admin_assignee_id", "=", admins[math.random(#admins)])) .. '}'
  elseif query == "q2" then
    body = '{"query":' .. field("source.body", "=", '"' .. words[math.random(#words)] .. '"') .. '}'
  elseif query == "q3" then
    body = paged(all(range()), 50)
  elseif query == "c1" then
    path = "/contacts/search"
    body = '{"query":' .. field("email", "=", '"' .. emails[math.random(#emails)] .. '"') .. '}'
  elseif query == "c2" then
    path = "/contacts/search"
    body = paged(all(field("role", "=", '"user"'), field("last_seen_at", ">", range_from),
      field("last_seen_at", "<", range_to)), 50)
  elseif query == "c3" then
    path = "/contacts/search"
    body = paged(all(field("tag_id", "=", '"' .. tags[math.random(#tags)] .. '"'),
      field("role", "=", '"user"')), 50)
  elseif query == "k1" then
    local pages = math.max(1, math.ceil(companies / 60))
    return wrk.format("POST", "/companies/list?per_page=60&page=" .. math.random(pages), nil, "")
  elseif query == "k2" then
    local param = cursor and ("?scroll_param=" .. cursor) or ""
    return wrk.format("GET", "/companies/scroll" .. param)
  elseif query == "t1" then
    path = "/tickets/search"
    body = '{"query":' .. all(field("state", "=", '"' .. states[math.random(#states)] .. '"'),
      field("ticket_type_id", "=", '"' .. types[math.random(#types)] .. '"')) .. '}'
  elseif query == "t2" then
    path = "/tickets/search"
    body = paged(all(range()), 50)
  else -- t3
    path = "/tickets/search"
    body = '{"query":' .. all(field("admin_assignee_id", "=", '"' .. admins[math.random(#admins)] .. '"'),
      field("open", "=", "true")) .. '}'
  end
  return wrk.format(nil, path, nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body:sub(1, 200) .. "\n")
    os.exit(1)
  end
  if query == "k2" then
    cursor = body:match('"scroll_param":"([^"]+)"')
    pages = pages + 1
    if not cursor then restarts = restarts + 1 end
  elseif query == "q3" or query == "c2" or query == "t2" then
    cursor = body:match('"starting_after":"([^"]+)"')
    pages = pages + 1
    if not cursor then restarts = restarts + 1 end
  end
end

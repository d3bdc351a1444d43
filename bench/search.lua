-- wrk script for bench/search.sh: POSTs Intercom search requests to parley.
-- Arguments (after --): <query> <meta file>
--   q1: state = open AND admin_assignee_id = <a random admin>
--   q2: source.body = <a random word of the meta file's list (several frequencies)>
--   q3: created_at within a 30-day range, 50 per page, following pages.next.starting_after
--       to the end and starting again; every page is one request.
-- Run with one connection per thread (-t N -c N): the q3 cursor is per thread.

local query, token, admins, words, range_from, range_to
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

function request()
  local body
  if query == "q1" then
    body = '{"query":{"operator":"AND","value":[{"field":"state","operator":"=","value":"open"},'
      .. '{"field":"admin_assignee_id","operator":"=","value":' .. admins[math.random(#admins)] .. '}]}}'
  elseif query == "q2" then
    body = '{"query":{"field":"source.body","operator":"=","value":"' .. words[math.random(#words)] .. '"}}'
  else
    local after = cursor and (',"starting_after":"' .. cursor .. '"') or ""
    body = '{"query":{"operator":"AND","value":[{"field":"created_at","operator":">","value":' .. range_from
      .. '},{"field":"created_at","operator":"<","value":' .. range_to .. '}]},'
      .. '"pagination":{"per_page":50' .. after .. '}}'
  end
  return wrk.format(nil, "/conversations/search", nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body:sub(1, 200) .. "\n")
    os.exit(1)
  end
  if query == "q3" then
    cursor = body:match('"starting_after":"([^"]+)"')
    pages = pages + 1
    if not cursor then restarts = restarts + 1 end
  end
end

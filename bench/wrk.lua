-- wrk script of bench/run.sh. Configured through the environment:
--   BENCH_MODE    plain  | get | delete
--   BENCH_TOKEN   bearer token (get, delete)
--   BENCH_IDS     file of conversation ids, one a line (get, delete)
--   BENCH_THREADS the -t given to wrk (get, delete)
--   BENCH_DONE    an empty directory (delete)
--   BENCH_PATH    the path the ids follow (get, delete; default /conversations/, /tickets/ for
--                 the ticket DELETE phase)
--
-- plain:  wrk's own request for the URL (the floor and /healthz).
-- get:    GET /conversations/{id}; each thread cycles through all ids from its own offset.
-- delete: DELETE /conversations/{id} (or BENCH_PATH{id}); thread k takes ids k, k+t, k+2t, ...; each id is sent
--         exactly once (see request() for wrk's unsent verification call). A thread whose ids are all sent keeps its other connections busy with
--         GET /healthz (a "filler", sent at most every 200 ms per connection; wrk cannot idle a
--         connection), recognised by its body and not counted as a delete. When a thread has every answer it stops; the last thread
--         to stop sends SIGINT to wrk, which ends the run early (wrk otherwise sleeps for -d).
--         Throughput is measured here, with a monotonic clock, from the first DELETE sent to
--         the last DELETE answered.
-- Every mode prints one line "RESULT key=value ..." from done().

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk, bench_timespec *ts);
int getpid(void);
int kill(int pid, int sig);
]]
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local mode = os.getenv("BENCH_MODE") or "plain"
local token = os.getenv("BENCH_TOKEN")
if token then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
local base_path = os.getenv("BENCH_PATH") or "/conversations/"

-- setup phase (its own Lua state)
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- running phase (one Lua state per wrk thread)
function init(args)
  mine = {}
  idx = 0
  ok = 0        -- delete: 200 with "deleted":true
  failed = 0    -- delete: anything else
  fillers = 0   -- delete: GET /healthz fillers
  statuses = {} -- delete: status -> count of failed deletes
  t_first = 0
  t_last = 0
  finished = false
  verified = false
  if mode == "plain" then
    return
  end
  local i = 0
  for line in io.lines(os.getenv("BENCH_IDS")) do
    if line ~= "" then
      if mode == "get" or i % nthreads == tid then
        table.insert(mine, line)
      end
      i = i + 1
    end
  end
  if mode == "get" and #mine > 0 then
    idx = math.floor(#mine * tid / nthreads)
  end
end

local function all_done()
  local dir = os.getenv("BENCH_DONE")
  local f = io.open(dir .. "/done." .. tid, "w")
  f:close()
  for k = 0, nthreads - 1 do
    local g = io.open(dir .. "/done." .. k, "r")
    if not g then
      return
    end
    g:close()
  end
  ffi.C.kill(ffi.C.getpid(), 2) -- SIGINT: wrk stops and reports now
end

if mode == "get" then
  function request()
    idx = idx % #mine + 1
    return wrk.format("GET", base_path .. mine[idx])
  end
elseif mode == "delete" then
  function request()
    -- wrk 4.1 calls request() once on thread 0 before the run, only to check the request
    -- (script_verify_request); that request is never sent. Answer thread 0's first call
    -- with a filler so that no id is lost to it (with a wrk that does not, one extra filler).
    if tid == 0 and not verified then
      verified = true
      return wrk.format("GET", "/healthz")
    end
    if idx < #mine then
      idx = idx + 1
      if t_first == 0 then
        t_first = now()
      end
      return wrk.format("DELETE", base_path .. mine[idx])
    end
    return wrk.format("GET", "/healthz")
  end

  -- A thread with no ids left would otherwise send fillers as fast as the server answers them,
  -- taking CPU from the other thread's last deletions: hold each filler back 200 ms.
  function delay()
    if idx < #mine then
      return 0
    end
    return 200
  end

  function response(status, headers, body)
    if status == 200 and body and string.find(body, '"deleted":true', 1, true) then
      ok = ok + 1
    elseif status == 200 and body and string.find(body, '"status":"ok"', 1, true) then
      fillers = fillers + 1
      return
    else
      failed = failed + 1
      local key = tostring(status)
      statuses[key] = (statuses[key] or 0) + 1
    end
    if ok + failed == #mine and not finished then
      finished = true
      t_last = now()
      all_done()
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local line = string.format(
    "RESULT mode=%s requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d"
      .. " err_connect=%d err_read=%d err_write=%d err_timeout=%d non2xx3xx=%d",
    mode, summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.timeout, e.status)
  if mode == "delete" then
    local ok, failed, fillers, sent, t0, t1 = 0, 0, 0, 0, math.huge, 0
    local byStatus = {}
    for _, t in ipairs(threads) do
      ok = ok + t:get("ok")
      failed = failed + t:get("failed")
      fillers = fillers + t:get("fillers")
      sent = sent + t:get("idx")
      local a, b = t:get("t_first"), t:get("t_last")
      if a > 0 and a < t0 then t0 = a end
      if b > t1 then t1 = b end
      for k, v in pairs(t:get("statuses")) do
        byStatus[k] = (byStatus[k] or 0) + v
      end
    end
    local codes = {}
    for k, v in pairs(byStatus) do
      table.insert(codes, k .. ":" .. v)
    end
    table.sort(codes)
    local seconds = (t1 > t0) and (t1 - t0) or 0
    line = line .. string.format(
      " deletes_sent=%d deletes_ok=%d deletes_failed=%d failed_by_status=%s fillers=%d delete_seconds=%.4f ok_rps=%.1f",
      sent, ok, failed, (#codes > 0) and table.concat(codes, ",") or "none", fillers, seconds,
      (seconds > 0) and ok / seconds or 0)
  end
  io.write(line .. "\n")
end

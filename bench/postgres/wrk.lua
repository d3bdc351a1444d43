-- wrk script of bench/postgres.sh. Environment:
--   PGB_MODE     get | delete
--   PGB_TOKEN    bearer token
--   PGB_IDS      file of conversation ids, one a line
--   PGB_THREADS  the -t given to wrk
--
-- get:    GET /conversations/{id}; each thread walks all ids from its own offset.
-- delete: DELETE /conversations/{id}; thread k takes ids k, k+t, k+2t, ... and sends each
--         once. A connection whose thread has sent all its ids asks GET /healthz instead (a
--         filler: wrk cannot leave a connection idle); fillers are not counted. When every
--         thread has all its answers, the script sends SIGINT to wrk, which then reports at
--         once. Throughput = deletions answered 200 / (last answer - first send), measured
--         with CLOCK_MONOTONIC so that two wrk processes run side by side can be combined.
-- done() prints one line "RESULT key=value ...".

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } pgb_timespec;
int clock_gettime(int clk, pgb_timespec *ts);
int getpid(void);
int kill(int pid, int sig);
]]
local ts = ffi.new("pgb_timespec")
local function now()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local mode = os.getenv("PGB_MODE") or "get"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PGB_TOKEN")
local nthreads = tonumber(os.getenv("PGB_THREADS") or "1")

local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  ids = {}
  sent = 0
  ok = 0
  failed = 0
  fillers = 0
  t_first = 0
  t_last = 0
  checked = false
  local i = 0
  for line in io.lines(os.getenv("PGB_IDS")) do
    if line ~= "" then
      if mode == "get" or i % nthreads == tid then
        table.insert(ids, line)
      end
      i = i + 1
    end
  end
  cursor = math.floor(#ids * tid / nthreads)
end

if mode == "get" then
  function request()
    cursor = cursor % #ids + 1
    return wrk.format("GET", "/conversations/" .. ids[cursor])
  end
else
  function request()
    -- wrk calls request() once on thread 0 before the run only to check it; never sent.
    if tid == 0 and not checked then
      checked = true
      return wrk.format("GET", "/healthz")
    end
    if sent < #ids then
      sent = sent + 1
      if t_first == 0 then
        t_first = now()
      end
      return wrk.format("DELETE", "/conversations/" .. ids[sent])
    end
    return wrk.format("GET", "/healthz")
  end

  function response(status, headers, body)
    if status == 200 and string.find(body, '"deleted":true', 1, true) then
      ok = ok + 1
    elseif status == 200 and string.find(body, '"status"', 1, true) then
      fillers = fillers + 1
      return
    else
      failed = failed + 1
    end
    if ok + failed == #ids then
      t_last = now()
      local flag = io.open(os.getenv("PGB_DONE") .. "/" .. tid, "w")
      flag:close()
      local all = true
      for k = 0, nthreads - 1 do
        local f = io.open(os.getenv("PGB_DONE") .. "/" .. k, "r")
        if f then f:close() else all = false end
      end
      if all then
        ffi.C.kill(ffi.C.getpid(), 2)
      end
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local line = string.format(
    "RESULT mode=%s requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non2xx=%d",
    mode, summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status)
  if mode == "delete" then
    local o, f, fi, t0, t1 = 0, 0, 0, math.huge, 0
    for _, t in ipairs(threads) do
      o = o + t:get("ok")
      f = f + t:get("failed")
      fi = fi + t:get("fillers")
      local a, b = t:get("t_first"), t:get("t_last")
      if a > 0 and a < t0 then t0 = a end
      if b > t1 then t1 = b end
    end
    line = line .. string.format(" ok=%d failed=%d fillers=%d t_first=%.6f t_last=%.6f", o, f, fi, t0, t1)
  end
  io.write(line .. "\n")
end

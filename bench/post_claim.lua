-- P4: POST /api/v1/claims, each request a different settlement (no conflicts:
-- thread k takes rows k, k + T, k + 2T ...).
local rows, thread_no, threads, n = {}, 0, 2, 0
function setup(thread)
  thread:set("no", thread_no)
  thread_no = thread_no + 1
end
function init(args)
  for line in io.lines(os.getenv("HZ_BENCH_SETL")) do rows[#rows + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("HZ_BENCH_TOKEN")
  wrk.headers["Content-Type"] = "application/json"
  threads = tonumber(os.getenv("HZ_BENCH_THREADS") or "2")
end
function request()
  local i = (n * threads + no) % #rows + 1
  n = n + 1
  local setl, cert = rows[i]:match("([^,]+),([^,]+)")
  return wrk.format("POST", "/api/v1/claims", nil,
    '{"id_number":"' .. cert .. '","settlements":["' .. setl .. '"],"documents_complete":true}')
end

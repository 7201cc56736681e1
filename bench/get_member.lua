-- P3: GET /api/v1/members/{id} for random members of the bench roster.
local ids = {}
function init(args)
  for line in io.lines(os.getenv("HZ_BENCH_IDS")) do ids[#ids + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("HZ_BENCH_TOKEN")
  math.randomseed(os.time() + #ids)
end
function request()
  return wrk.format("GET", "/api/v1/members/" .. ids[math.random(#ids)])
end

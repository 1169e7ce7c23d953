-- Quotes through the HTTP gateway from wrk, a load generator in a process of its own:
--   . src/Silo/.pricing-api-keys && wrk -t2 -c32 -d10s --latency -s src/Benchmarks/wrk-quotes.lua http://127.0.0.1:5000
-- 2,000 customers, 3 of the demo catalog's 8 SKUs per quote, the management key from PRICING_MANAGEMENT_KEY.
local skus = {"BOOT-LEATHER", "HEADPHONES-BT", "HOODIE-ZIP", "JEANS-SLIM", "LAMP-DESK", "MUG-CERAMIC", "SNEAKER-RUN", "TSHIRT-BASIC"}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = os.getenv("PRICING_MANAGEMENT_KEY")
local n = 0
request = function()
  n = n + 1
  local customer = (n * 7919) % 2000
  local body = string.format('{"customerId":"wrk-%d","skus":["%s","%s","%s"],"channel":"web"}',
    customer, skus[(n % 8) + 1], skus[((n + 3) % 8) + 1], skus[((n + 5) % 8) + 1])
  return wrk.format(nil, "/api/v1/quotes", nil, body)
end

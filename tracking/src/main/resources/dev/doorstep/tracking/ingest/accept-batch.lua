-- Stores one batch of one driver's pings in one step: dedups by ts, inserts in time order, flags a ping that
-- implies an impossible speed from the previous accepted one, moves the latest position only forward, trims
-- the trail and publishes the new latest position (unless the channel is empty: on a Redis Cluster the caller
-- publishes it with SPUBLISH) and, on a single Redis, places the driver on its station's map. Every key but the
-- station's map is on the driver's slot ({drv:<id>}); on a Redis Cluster the map (another slot) is not passed and
-- the caller places the driver with a GEOADD of its own.
-- KEYS: trail, latest, and the station's map (only on a single Redis with a home station)
-- ARGV: channel (or empty), message prefix, max speed m/s, trail cutoff ms, trail max size, ttl ms, count,
--       then per ping: index, stored form (ts ms|lat|lon|...: the time and place are read from it, two arguments a
--       ping rather than five: encoding the arguments was 9 % of a batch of 50 in the app's profile)
local trail, latest, stationMap = KEYS[1], KEYS[2], KEYS[3]
local channel, prefix = ARGV[1], ARGV[2]
local maxSpeed, cutoff, maxSize, ttl = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local n = tonumber(ARGV[7])

local function parse(m)
  local ts, lat, lon = string.match(m, '^([^|]+)|([^|]+)|([^|]+)|')
  return tonumber(ts), tonumber(lat), tonumber(lon)
end

local pings = {}
for i = 0, n - 1 do
  local b = 8 + i * 2
  local body = ARGV[b + 1]
  local ts, lat, lon = parse(body)
  pings[#pings + 1] = {index = ARGV[b], ts = ts, lat = lat, lon = lon, body = body}
end
table.sort(pings, function(a, b) return a.ts < b.ts end)

local function metres(lat1, lon1, lat2, lon2)
  local r = math.pi / 180
  local dlat, dlon = (lat2 - lat1) * r, (lon2 - lon1) * r
  local h = math.sin(dlat / 2) ^ 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin(dlon / 2) ^ 2
  return 12742000 * math.asin(math.min(1, math.sqrt(h)))
end

-- The newest unflagged ping among members listed newest first (a few flagged ones in a row are skipped).
local function newestUnflagged(members)
  for _, m in ipairs(members) do
    if string.sub(m, -2) == '|0' then
      return parse(m)
    end
  end
  return nil
end

-- Usual case: the whole batch is newer than the trail, so no stored duplicate can exist and the previous
-- accepted ping is the one before in the batch: one ZADD for all. Otherwise each ping looks at the trail.
local top = redis.call('ZREVRANGE', trail, 0, 15)
local newestStored = #top > 0 and parse(top[1]) or -1
local inOrder = #pings > 0 and pings[1].ts > newestStored
local pts, plat, plon = newestUnflagged(top)

local accepted, duplicates, flagged, adds = 0, 0, {}, {}
local newest, newestTs, lastTs = nil, -1, nil
for _, p in ipairs(pings) do
  local duplicate = p.ts == lastTs
  if not duplicate and not inOrder then
    duplicate = redis.call('ZCOUNT', trail, p.ts, p.ts) > 0
    pts, plat, plon = newestUnflagged(redis.call('ZREVRANGEBYSCORE', trail, '(' .. p.ts, '-inf', 'LIMIT', 0, 16))
  end
  lastTs = p.ts
  if duplicate then
    duplicates = duplicates + 1
  else
    local flag = '0'
    if pts and metres(plat, plon, p.lat, p.lon) / ((p.ts - pts) / 1000) > maxSpeed then
      flag = '1'
      flagged[#flagged + 1] = p.index
    end
    if inOrder then
      adds[#adds + 1] = p.ts
      adds[#adds + 1] = p.body .. '|' .. flag
      if flag == '0' then
        pts, plat, plon = p.ts, p.lat, p.lon
      end
    else
      redis.call('ZADD', trail, p.ts, p.body .. '|' .. flag)
    end
    accepted = accepted + 1
    if flag == '0' and p.ts > newestTs then
      newest, newestTs = p.body, p.ts
    end
  end
end
if #adds > 0 then
  redis.call('ZADD', trail, unpack(adds))
end

local moved = '0'
if newest then
  local current = redis.call('GET', latest)
  local currentTs = current and tonumber(string.match(current, '^([^|]+)')) or -1
  if newestTs > currentTs then
    redis.call('SET', latest, newest, 'PX', ttl)
    if channel ~= '' then
      redis.call('PUBLISH', channel, prefix .. newest)
    end
    if stationMap then
      local _, lat, lon = parse(newest)
      redis.call('GEOADD', stationMap, lon, lat, string.match(prefix, '^([^|]*)|'))
    end
    moved = '1'
  end
end
if accepted > 0 then
  redis.call('ZREMRANGEBYSCORE', trail, '-inf', '(' .. cutoff)
  redis.call('ZREMRANGEBYRANK', trail, 0, -(maxSize + 1))
  redis.call('PEXPIRE', trail, ttl)
end
-- accepted;duplicates;flagged indexes (comma separated);moved;stored form of the new latest position
return accepted .. ';' .. duplicates .. ';' .. table.concat(flagged, ',') .. ';' .. moved .. ';' .. (newest or '')

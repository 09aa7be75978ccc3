-- A re-plan of a published day: the plan whose routes it keeps, and for each of its routes the published route it
-- continues (publishing the re-plan moves the new stops onto that route, which keeps its id, DSP and driver).
ALTER TABLE plans ADD COLUMN keeps_plan_id text REFERENCES plans (id);
ALTER TABLE routes ADD COLUMN continues_route_id text REFERENCES routes (id);

-- Version 7: the time-window index carries every column the window query
-- reads, so a window's rows come from a few neighbouring index pages
-- instead of one table page each (the rows of a window are spread over
-- the table in the order they were written). It is the same index,
-- wider: nothing else reads it differently.
DROP INDEX event_window;
CREATE INDEX event_window ON event (span_class, start_s, stop_s, title,
    start_year, start_month, start_day, start_hour, start_minute, start_second, start_precision,
    end_year, end_month, end_day, end_hour, end_minute, end_second, end_precision,
    zone, display_date, certainty, importance, story, actor_ids, citations, links);

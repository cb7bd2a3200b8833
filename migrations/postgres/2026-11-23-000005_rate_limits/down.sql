DROP TABLE rate_events;

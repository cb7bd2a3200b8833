DROP TABLE filter_counts;
DROP TABLE filter_rules;

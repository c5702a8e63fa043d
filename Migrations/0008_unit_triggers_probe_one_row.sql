-- aitrack schema, version 8: the one-unit triggers look at one row of the metric, found on
-- statistics(metric, measure, date), and the index they had to themselves, statistics(metric,
-- measure, unit), is gone. The triggers keep every metric's statistics (measure 'value') in one
-- unit, so any one of them tells the metric's unit: a new row (or a changed one, compared with
-- another row) whose unit differs from it is refused, exactly the rows refused before. A file
-- written around the triggers (by another program that dropped them) is what `aitrack check`
-- reports under "one unit per metric". The index cost a tenth of the time of inserting 100,000
-- statistics into a million (BENCHMARKS.md, issue 13).
-- (`IF EXISTS`: a file whose triggers or index another program dropped is upgraded all the
-- same, and gets the triggers back.)

DROP TRIGGER IF EXISTS statistics_one_unit_insert;
DROP TRIGGER IF EXISTS statistics_one_unit_update;
DROP INDEX IF EXISTS statistics_metric_unit;

-- (no unit yet: the subquery is NULL and `<>` is not true)
CREATE TRIGGER statistics_one_unit_insert BEFORE INSERT ON statistics
WHEN NEW.measure = 'value' AND
    (SELECT unit FROM statistics WHERE metric = NEW.metric AND measure = 'value' LIMIT 1) <> NEW.unit
BEGIN
    SELECT RAISE(ABORT, 'a metric has one unit: this metric is stored with another unit');
END;
CREATE TRIGGER statistics_one_unit_update BEFORE UPDATE OF metric, measure, unit ON statistics
WHEN NEW.measure = 'value' AND
    (SELECT unit FROM statistics WHERE metric = NEW.metric AND measure = 'value' AND id <> NEW.id LIMIT 1) <> NEW.unit
BEGIN
    SELECT RAISE(ABORT, 'a metric has one unit: this metric is stored with another unit');
END;

"""The 汇总 page: choices, the survey of every body's report (a worker thread), its table, the sum."""

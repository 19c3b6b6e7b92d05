"""The numbers: indicators, statuses against the targets, comparisons, projections, trends, the ranking, a court's profile."""

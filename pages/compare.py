"""So sánh: one indicator across the courts against the target and the floor; case types side by side; the
heat map of margins to the targets; the comments of the period in the hover and under the chart. A click on a
court opens its profile."""

from analytics.compute.comments import comments_of
from ui import compare_views, data, widgets
from ui.frame import footer, open_profile, page_frame, partial_year_note, pick_indicator, stop_without_data

view = page_frame("compare.title")
stop_without_data(view)
comparison = view.comparison()
stop_without_data(view, comparison)

indicators = view.indicators()
indicator = pick_indicator(view, indicators)
comments = comments_of(data.comments(view.url, view.version), view.year, view.period, comparison.courts())
chosen = compare_views.bars(view, comparison, indicator, comments)
partial_year_note(view)
widgets.period_comments(comments, view, expanded=False)
chosen = compare_views.details(view, comparison, indicators, indicator) or chosen
if chosen:
    open_profile(chosen, view)
footer(view)

"""Phiên bản báo cáo: every stored version of a court's return, two side by side, and restoring one."""

from ui import versions_views
from ui.frame import footer, page_frame

view = page_frame("versions.title", with_period=False)
chosen = versions_views.pick_return(view)
if chosen is not None:
    versions_views.history(view, chosen)
    versions_views.compare_and_restore(view, chosen)
footer(view)

"""Phiên bản báo cáo: every stored version of a court's return, two side by side, and restoring one."""

from ui import version_views
from ui.frame import footer, page_frame

view = page_frame("versions.title", with_period=False)
chosen = version_views.pick_return(view)
if chosen is not None:
    version_views.history(view, chosen)
    version_views.compare_and_restore(view, chosen)
footer(view)

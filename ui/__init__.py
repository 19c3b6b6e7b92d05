"""The app side: what the pages share (frame, state, caching, texts). Only this package and pages/ import Streamlit."""

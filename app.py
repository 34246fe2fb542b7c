"""The workbench in the browser: ``streamlit run app.py -- --db URL``.

This file only routes. Each page is a module of ``coding/ui`` (the only code that
imports Streamlit); the sidebar and session keys live in ``coding/ui/widgets.py``
and ``coding/ui/state.py``.
"""

import streamlit as st

from coding.ui import signin, state, widgets

st.set_page_config(page_title="Interview coding workbench", page_icon=":material/forum:", layout="wide")
state.init()
signin.gate()  # on a shared store, no page before signing in
widgets.sidebar()

pages = {
    "Project": [st.Page("coding/ui/project.py", title="Project", icon=":material/folder_open:", default=True)],
    "Coding": [
        st.Page("coding/ui/frame.py", title="Frame", icon=":material/account_tree:"),
        st.Page("coding/ui/code.py", title="Code", icon=":material/edit_note:"),
    ],
    "Review": [
        st.Page("coding/ui/coverage.py", title="Coverage", icon=":material/grid_on:"),
        st.Page("coding/ui/team.py", title="Team", icon=":material/groups:"),
    ],
    "Output": [st.Page("coding/ui/export.py", title="Export", icon=":material/download:")],
}
st.navigation(pages).run()

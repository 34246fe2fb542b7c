"""Who is using this tab: sign-in on a shared store, the signed-in user for every page.

On PostgreSQL the app asks everyone to sign in before any page: through the team's
identity provider (``st.login``) when ``.streamlit/secrets.toml`` has an ``[auth]``
section, otherwise with a workbench account (``python -m coding user add``). The
signed-in username becomes the coder name stamped on decisions. On a SQLite file
nothing changes: signing in is offered on the Team page, never required.

The session key of the signed-in user lives here, beside the only code that sets it.
"""

from __future__ import annotations

import streamlit as st

from coding.errors import WorkbenchError
from coding.service import team
from coding.ui import state

USER = "signed_in_user"
VIA_PROVIDER = "signed_in_via_provider"


def current_user() -> str | None:
    return st.session_state.get(USER)


def provider_configured() -> bool:
    """Whether secrets.toml configures an identity provider for ``st.login``."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, WorkbenchError):
        return False
    except Exception:  # Streamlit raises its own error when there is no secrets file at all
        return False


def _signed_in(username: str, via_provider: bool = False) -> None:
    st.session_state[USER] = username
    st.session_state[VIA_PROVIDER] = via_provider
    st.session_state[state.CODER] = username  # the coder name is the account: no typing another's


def sign_out() -> None:
    via_provider = st.session_state.get(VIA_PROVIDER)
    st.session_state[USER] = None
    st.session_state[state.CODER] = None
    if via_provider:
        st.logout()


def _try_password(key: str) -> None:
    ss = st.session_state
    account = team.sign_in(state.store(), ss.get(f"{key}_user", ""), ss.get(f"{key}_password", ""))
    ss[f"{key}_failed"] = account is None
    if account is not None:
        _signed_in(account.username)  # in a callback: before the sidebar's coder field is drawn


def password_form(key: str = "signin") -> None:
    """Username and password; on success the tab is signed in."""
    with st.form(key):
        st.text_input("Username", key=f"{key}_user")
        st.text_input("Password", type="password", key=f"{key}_password")
        st.form_submit_button("Sign in", type="primary", on_click=_try_password, args=(key,))
    if st.session_state.get(f"{key}_failed"):
        st.error("That username and password do not match an account.")


def gate() -> None:
    """Called by app.py before any page: on a shared store, no page without signing in."""
    user = current_user()
    if user:
        st.session_state[state.CODER] = user
        with st.sidebar:
            st.caption(f"Signed in as **{user}**")
            st.button("Sign out", key="sign_out", on_click=sign_out)
    store = state.store()
    if store.is_sqlite or user:
        return
    st.title("Sign in")
    st.caption(f"This project store is shared ({store.describe()}): sign in to work on it.")
    if provider_configured():
        if not st.user.is_logged_in:
            st.button("Sign in with your organisation's account", type="primary", on_click=st.login)
            st.stop()
        account = team.account_for_email(store, str(st.user.get("email", "")))
        if account is None:
            st.error(
                f"No workbench account has the email {st.user.get('email')!r}. Ask your project lead to "
                "add you (python -m coding user add NAME --email ADDRESS)."
            )
            st.button("Sign out", on_click=st.logout)
            st.stop()
        _signed_in(account.username, via_provider=True)
        st.rerun()
    password_form()
    st.stop()

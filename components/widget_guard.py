"""Widget states from the browser checked against each widget's own type before Streamlit uses them.

Anything can arrive over the websocket. A browser sends a select's value as a string and a toggle's as a bool,
but a message can carry any type for any widget id, and Streamlit 1.67 hands it to the widget's deserializer as
it is: a number sent for the language radio, a list for a select or a string for a button raised inside Streamlit
(`'str' object cannot be interpreted as an integer`, `unhashable type: RepeatedScalarContainer`), before the
page's own checks (components/state.py `option`) could run. So a value of the wrong type, or one the widget's own
deserializer cannot read, is dropped as Streamlit already drops a forged value for a disabled widget: the widget
keeps its previous value (or its default), and the page draws as if the message had not carried it.

Two places, both before any of the app's code sees the value:
- `SessionState.on_script_will_rerun`, when a message's states arrive (before `on_change` callbacks run), for
  widgets the session already knows;
- `SessionState.register_widget`, when a widget is drawn, for a widget the message named before it existed.
"""

from __future__ import annotations

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.state import session_state as _ss

# kinds whose value can be read twice without side effects (file uploads and chat input consume their records)
_CHECKED = {"string_value", "string_array_value", "int_value", "int_array_value", "double_value",
            "double_array_value", "bool_value", "trigger_value", "json_value", "string_trigger_value",
            "json_trigger_value"}
_installed = False


def readable(state, metadata) -> bool:
    """Whether a widget state from the browser fits its widget: the same kind of value the widget registered,
    and one its deserializer reads without an error."""
    kind = state.WhichOneof("value")
    if kind is None:  # no value: the widget's "nothing chosen", which every deserializer takes
        return True
    if kind != metadata.value_type:
        return False
    if kind not in _CHECKED:
        return True
    try:
        metadata.deserializer(_ss.unpack_widget_state_value(state))
    except Exception:  # any error of the widget's own reader: the value is not one it can take
        return False
    return True


def install() -> None:
    """Wrap the two entry points (once a process)."""
    global _installed
    if _installed:
        return
    _installed = True
    original_rerun, original_register = _ss.SessionState.on_script_will_rerun, _ss.SessionState.register_widget

    def on_script_will_rerun(self, fresh_widget_states: WidgetStates | None, *args, **kwargs) -> None:
        if fresh_widget_states is not None:
            known = self._new_widget_state.widget_metadata
            kept = [s for s in fresh_widget_states.widgets if (m := known.get(s.id)) is None or readable(s, m)]
            if len(kept) != len(fresh_widget_states.widgets):
                fresh_widget_states = WidgetStates(widgets=kept)
        original_rerun(self, fresh_widget_states, *args, **kwargs)

    def register_widget(self, metadata, user_key):
        stored = self._new_widget_state.states.get(metadata.id)
        if isinstance(stored, _ss.Serialized) and not readable(stored.value, metadata):
            del self._new_widget_state.states[metadata.id]
        return original_register(self, metadata, user_key)

    _ss.SessionState.on_script_will_rerun = on_script_will_rerun
    _ss.SessionState.register_widget = register_widget

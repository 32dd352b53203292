"""Bindings whose descriptions are catalogue keys, translated when a node is built.

Textual reads ``BINDINGS`` when a class is created, before ``--lang`` is known;
so descriptions and tooltips hold catalogue keys ("app.key_help") and each node
swaps in the sentence of the current language as it starts.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from giangvien.i18n import DEFAULT_LANGUAGE, catalogue, tr


def _tr(text: str) -> str:
    return tr(text) if text in catalogue(DEFAULT_LANGUAGE) else text


def localise_bindings(node: DOMNode) -> None:
    # _bindings is the node's own copy of the class bindings (DOMNode.__init__).
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [_localised(b) for b in bindings]


def _localised(binding: Binding) -> Binding:
    return replace(binding, description=_tr(binding.description), tooltip=_tr(binding.tooltip))


# Textual's own bindings that show in a footer, by (where, action): the widget
# classes are named lazily so this module stays light to import.
_BUILT_IN = {
    ("textual.widgets._select", "SelectOverlay", "dismiss"): "app.key_dismiss_menu",
}


def localise_textual() -> None:
    """Give Textual's own footer bindings ("Dismiss menu") the user's language.

    Textual merges a class's BINDINGS when the class is created, and copies the
    merged map into each node; so the sentence goes into BINDINGS (which later
    subclasses merge in turn) and the merged map of the class and of every
    subclass that exists already is built again. Called by each App as it starts.
    """
    from importlib import import_module

    for (module, name, action), catalogue_key in _BUILT_IN.items():
        cls = getattr(import_module(module), name)
        said = tr(catalogue_key)
        cls.BINDINGS = [
            replace(b, description=said) if b.action == action else b
            for b in Binding.make_bindings(cls.BINDINGS)
        ]
        classes = [cls]
        while classes:
            current = classes.pop()
            current._merged_bindings = current._merge_bindings()
            classes.extend(current.__subclasses__())

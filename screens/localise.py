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

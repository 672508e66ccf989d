"""A tiny GTK 3 window that offers one file as text/uri-list when dragged: a real X11 drag
source, so that the end-to-end test can drop a file from outside the app's window (as a user
dragging from the file manager would). Run with Debian's /usr/bin/python3 (python3-gi).

    drag_source.py FILE X Y     window at X,Y; prints READY when it can be dragged
"""
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

path, x, y = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
uri = GLib.filename_to_uri(path, None)

win = Gtk.Window(title="Drag source")
win.set_default_size(140, 80)
win.move(x, y)
box = Gtk.EventBox()
box.add(Gtk.Label(label="Drag me"))
win.add(box)
box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()


def on_get(_widget, _ctx, data, _info, _time):
    data.set_uris([uri])


def on_end(*_args):
    print("DRAG-END", flush=True)


box.connect("drag-data-get", on_get)
box.connect("drag-end", on_end)
win.connect("destroy", Gtk.main_quit)


def ready(*_args):
    print("READY", flush=True)
    return False


win.connect("map-event", lambda *a: GLib.timeout_add(100, ready))
win.show_all()
Gtk.main()

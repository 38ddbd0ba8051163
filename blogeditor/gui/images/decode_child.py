"""The decoding child process (gui/images/decode_helper.py starts it): one JSON request
per line in, one JSON header line and the raw pixels out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from blogeditor.gui.images.image_loader import DecodeError, decode_scaled


def main() -> None:
    """The helper's loop: decode what the parent asks, answer with pixels or a message."""
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        request = json.loads(line)
        try:
            image = decode_scaled(Path(request["path"]), QSize(request["w"], request["h"]),
                                  offload=False)
        except DecodeError as exc:
            out.write(json.dumps({"error": str(exc)}).encode() + b"\n")
            out.flush()
            continue
        fmt = (QImage.Format.Format_ARGB32_Premultiplied if image.hasAlphaChannel()
               else QImage.Format.Format_RGB32)
        image = image.convertToFormat(fmt)
        data = bytes(image.constBits())
        header = {"w": image.width(), "h": image.height(), "stride": image.bytesPerLine(),
                  "fmt": fmt.value, "size": len(data)}
        out.write(json.dumps(header).encode() + b"\n" + data)
        out.flush()


if __name__ == "__main__" and "--helper" in sys.argv:
    main()

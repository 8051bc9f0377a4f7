"""Uploaded images, downscaled and re-encoded for a vision model (which also drops EXIF data)."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps

from app.extraction.document import ExtractionError

_PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}


def prepare_image(
    data: bytes, fmt: str, max_side_px: int, *, max_pixels: int = 64_000_000
) -> tuple[bytes, str]:
    """(image bytes, media type): longest side ≤ `max_side_px`, upright, PNG or JPEG.

    Photos (JPEG, WebP without transparency) stay JPEG; everything else becomes PNG, which
    keeps line drawings crisp. An image of more than `max_pixels` (a JPEG: at the reduced
    size it is decoded at) is refused from its header, before a byte of it is decoded.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[fmt]]) as opened:
                if fmt == "jpeg":
                    opened.draft("RGB", (max_side_px, max_side_px))  # decode at reduced size
                width, height = opened.size
                if width * height > max_pixels:
                    raise ExtractionError(
                        "file_too_complex",
                        f"The image has {width:,} x {height:,} pixels; at most "
                        f"{max_pixels:,} pixels can be read",
                    )
                image = opened.copy()  # decodes; the copy keeps `info` (EXIF orientation)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ExtractionError(
            "file_too_complex", "The image has too many pixels to be read safely"
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ExtractionError(
            "corrupt_file", f"The {fmt.upper()} image could not be read: {exc}"
        ) from exc
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((max_side_px, max_side_px), Image.Resampling.LANCZOS)
    image = ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    if fmt == "jpeg" or (fmt == "webp" and not has_alpha):
        image.convert("L" if image.mode == "L" else "RGB").save(buffer, "JPEG", quality=90)
        return buffer.getvalue(), "image/jpeg"
    image.save(buffer, "PNG")
    return buffer.getvalue(), "image/png"

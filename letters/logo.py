"""The practice's logo for its letterhead: checked and redrawn in memory, never stored.

A practice chooses its logo in the letter form. The browser sends it with the form; the portal reads
it here, redraws it as a small PNG (which also drops any metadata the original carried, such as where
a photo was taken) and puts it in the letter it sends straight back. Between the preview and the
download the page carries the redrawn logo in a hidden field, so nothing is kept on the server.
"""

import base64
import binascii
import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopFutureHandlers
from PIL import Image

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_PIXELS = 25_000_000  # a bigger image is almost certainly a mistake (or a decompression bomb)
# At most 60 x 24 mm at 250 dpi: sharp when printed, small enough to carry in the page.
LOGO_BOX = (600, 240)
FORMATS = ("PNG", "JPEG")
TOO_BIG = "The logo must be smaller than 1 MB. Save it as a smaller PNG or JPEG and choose it again."
NOT_AN_IMAGE = "The logo must be a PNG or JPEG image."


def prepared_logo(data: bytes) -> bytes:
    """The logo redrawn as a PNG that fits the letterhead, or ``ValidationError`` saying what is wrong."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_BIG)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise ValidationError(NOT_AN_IMAGE)
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(TOO_BIG)
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(NOT_AN_IMAGE) from None
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB")
    image.thumbnail(LOGO_BOX)
    redrawn = io.BytesIO()
    image.save(redrawn, format="PNG", optimize=True)
    return redrawn.getvalue()


def carried_logo(value: str) -> bytes:
    """A logo the page carried from the preview (base64), checked again: the browser may change it."""
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(NOT_AN_IMAGE) from None
    return prepared_logo(data)


def encoded(logo: bytes) -> str:
    """The logo as the hidden field carries it."""
    return base64.b64encode(logo).decode("ascii")


class InMemoryLogoUpload(FileUploadHandler):
    """Keeps an uploaded file in memory, whatever its size setting says, and stops at the limit.

    Django writes uploads over ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary file; a letter form's
    upload must never touch the disk. A file over the limit is skipped and ``too_big`` is set, so the
    form can say so.
    """

    too_big = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int):
        if start + len(raw_data) > MAX_UPLOAD_BYTES:
            self.too_big = True
            self.buffer = io.BytesIO()
            raise SkipFile()
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

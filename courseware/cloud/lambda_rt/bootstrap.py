"""Worker side of courseware's Lambda runtime for Python handlers.

Run by path with any python3.9+ (standard library only): ``python bootstrap.py IN_FD OUT_FD``.
It imports the handler once (the INIT phase), then serves invocations over a
length-prefixed JSON channel on two inherited pipe fds. ``print``, stdout,
stderr and ``logging`` are streamed to the parent as log messages in real time.
"""

import json
import logging
import os
import struct
import sys
import threading
import time
import traceback

from bootstrap_net import drain_net_relay, start_net_relay  # this folder is sys.path[0]

_HEADER = struct.Struct(">I")
_LINE_MAX = 256 * 1024  # CloudWatch's event limit: the rest of a longer line is dropped here
_FRAME_LINES = 1024 * 1024  # log text per frame, so no frame nears the parent's size cap


class Channel:
    """Framed JSON messages over two pipe fds."""

    def __init__(self, in_fd, out_fd):
        self._in = os.fdopen(in_fd, "rb", buffering=0)
        self._out_fd = out_fd
        self._lock = threading.Lock()

    def send(self, message):
        data = json.dumps(message, separators=(",", ":"), default=str).encode("utf-8")
        frame = _HEADER.pack(len(data)) + data
        with self._lock:
            view = memoryview(frame)
            while view:
                written = os.write(self._out_fd, view)
                view = view[written:]

    def _read_exact(self, size):
        chunks = []
        while size:
            chunk = self._in.read(size)
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def receive(self):
        (size,) = _HEADER.unpack(self._read_exact(_HEADER.size))
        return json.loads(self._read_exact(size).decode("utf-8"))


class LogStream:
    """A text stream whose complete lines go to the parent as log messages."""

    def __init__(self, channel):
        self._channel = channel
        self._buffer = ""
        self._lock = threading.Lock()
        self.encoding = "utf-8"
        self.errors = "replace"

    def write(self, text):
        if not isinstance(text, str):
            text = str(text)
        with self._lock:
            self._buffer += text
            if "\n" in self._buffer:
                complete, self._buffer = self._buffer.rsplit("\n", 1)
                self._send_lines(complete.split("\n"))
            if len(self._buffer) > _LINE_MAX:
                self._buffer = self._buffer[:_LINE_MAX]
        return len(text)

    def _send_lines(self, lines):
        batch, size = [], 0
        for line in lines:
            line = line[:_LINE_MAX]
            if batch and size + len(line) > _FRAME_LINES:
                self._channel.send({"t": "log", "d": "\n".join(batch)})
                batch, size = [], 0
            batch.append(line)
            size += len(line) + 1
        if batch:
            self._channel.send({"t": "log", "d": "\n".join(batch)})

    def flush(self):
        with self._lock:
            if self._buffer:
                self._send_lines([self._buffer])
                self._buffer = ""

    def isatty(self):
        return False

    def fileno(self):
        raise OSError("the Lambda log stream has no file descriptor")

    @property
    def closed(self):
        return False

    def writable(self):
        return True

    def readable(self):
        return False


class RecordHandler(logging.Handler):
    """Sends each logging record as one log event (tracebacks included), as Lambda does."""

    def __init__(self, channel, stream):
        logging.Handler.__init__(self)
        self._channel = channel
        self._stream = stream

    def emit(self, record):
        try:
            text = self.format(record)
        except Exception:
            self.handleError(record)
            return
        self._stream.flush()  # keep print() output before this record
        self._channel.send({"t": "log", "d": text, "one": True})


_request_id = ""


class LambdaLogFormatter(logging.Formatter):
    """The Python runtime's default format: [LEVEL] time request-id message."""

    def format(self, record):
        record.aws_request_id = _request_id
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        head = "[%s]\t%s.%03dZ\t%s\t" % (
            record.levelname,
            stamp,
            int(record.msecs),
            _request_id,
        )
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + self.formatException(record.exc_info)
        return head + message


class LambdaContext:
    """The ``context`` object handed to the handler."""

    def __init__(self, data):
        self.aws_request_id = data["request_id"]
        self.function_name = data["function_name"]
        self.function_version = data["function_version"]
        self.invoked_function_arn = data["invoked_function_arn"]
        self.memory_limit_in_mb = data["memory_limit_in_mb"]
        self.log_group_name = data["log_group_name"]
        self.log_stream_name = data["log_stream_name"]
        self.identity = None
        self.client_context = None
        self._deadline = data["deadline"]

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.time()) * 1000))


def _error(error_type, message, stack=None):
    return {
        "errorMessage": message,
        "errorType": error_type,
        "requestId": "",
        "stackTrace": stack or [],
    }


def _user_frames(tb):
    """Traceback entries without this bootstrap's frames, paths shown as in /var/task."""
    root = os.environ.get("LAMBDA_TASK_ROOT", "")
    frames = [f for f in traceback.extract_tb(tb) if os.path.abspath(f.filename) != __file__]
    lines = traceback.format_list(frames)
    return [line.replace(root, "/var/task") for line in lines] if root else lines


def load_handler(spec):
    """Import the handler; return (function, None) or (None, error dict)."""
    module_name, _, function_name = spec.rpartition(".")
    if not module_name or not function_name:
        return None, _error(
            "Runtime.MalformedHandlerName",
            "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % spec,
        )
    module_name = module_name.replace("/", ".")
    try:
        module = __import__(module_name, fromlist=["_"])
    except Exception as exc:  # the learner's module failed to import
        if isinstance(exc, ImportError) and getattr(exc, "name", None) == module_name:
            message = "Unable to import module '%s': No module named '%s'" % (
                module_name,
                module_name,
            )
        else:
            message = "Unable to import module '%s': %s" % (module_name, exc)
        sys.stderr.write(
            "[ERROR] Runtime.ImportModuleError: %s\nTraceback (most recent call last):\n%s"
            % (message, "".join(_user_frames(exc.__traceback__)))
        )
        sys.stderr.flush()
        return None, _error("Runtime.ImportModuleError", message)
    handler = getattr(module, function_name, None)
    if handler is None:
        return None, _error(
            "Runtime.HandlerNotFound",
            "Handler '%s' missing on module '%s'" % (function_name, module_name),
        )
    return handler, None


def _limit_address_space():
    """Backstop for runaway allocations; the parent enforces MemorySize on RSS."""
    cap_mb = os.environ.pop("COURSEWARE_AS_LIMIT_MB", "")
    if cap_mb:
        try:
            import resource

            cap = int(cap_mb) * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (ImportError, ValueError, OSError):
            pass


def main():
    _limit_address_space()
    start_net_relay()
    channel = Channel(int(sys.argv[1]), int(sys.argv[2]))
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    layered = os.environ.get("COURSEWARE_LAYER_PATH")
    if layered:  # /opt/python and its site-packages, as the Python runtimes add them
        sys.path[1:1] = [p for p in layered.split(os.pathsep) if p]
    extra = os.environ.get("COURSEWARE_RUNTIME_PATH")
    if extra:
        sys.path.extend(p for p in extra.split(os.pathsep) if p)
    out, err = LogStream(channel), LogStream(channel)
    sys.stdout, sys.stderr = out, err
    log_handler = RecordHandler(channel, out)
    log_handler.setFormatter(LambdaLogFormatter())
    logging.getLogger().addHandler(log_handler)
    for note in json.loads(os.environ.pop("COURSEWARE_RUNTIME_NOTES", "[]")):
        out.write(note + "\n")

    handler, init_error = load_handler(os.environ.get("_HANDLER", ""))
    out.flush()
    err.flush()
    channel.send({"t": "ready", "error": init_error})

    global _request_id
    while True:
        try:
            request = channel.receive()
        except EOFError:
            return
        context_data = request["context"]
        _request_id = context_data["request_id"]
        os.environ["_X_AMZN_TRACE_ID"] = request.get("trace_id", "")
        if init_error is not None:
            failure = dict(init_error, requestId=_request_id)
            drain_net_relay()
            channel.send({"t": "error", "error": failure})
            continue
        try:
            event = json.loads(request["event"])
            result = handler(event, LambdaContext(context_data))
        except MemoryError:
            # Past the address-space backstop: Lambda would have killed the sandbox.
            channel.send({"t": "oom"})
            os._exit(137)
        except Exception as exc:
            exc_type = type(exc).__name__
            stack = _user_frames(exc.__traceback__)
            sys.stdout.write(
                "[ERROR] %s: %s\nTraceback (most recent call last):\n%s\n"
                % (exc_type, exc, "".join(stack).rstrip("\n"))
            )
            out.flush()
            err.flush()
            failure = _error(exc_type, str(exc), stack)
            failure["requestId"] = _request_id
            drain_net_relay()
            channel.send({"t": "error", "error": failure})
            continue
        out.flush()
        err.flush()
        try:
            payload = json.dumps(result)
        except (TypeError, ValueError) as exc:
            failure = _error("Runtime.MarshalError", "Unable to marshal response: %s" % exc)
            failure["requestId"] = _request_id
            sys.stdout.write("[ERROR] Runtime.MarshalError: Unable to marshal response: %s\n" % exc)
            out.flush()
            drain_net_relay()
            channel.send({"t": "error", "error": failure})
            continue
        drain_net_relay()
        channel.send({"t": "result", "payload": payload})


if __name__ == "__main__":
    main()

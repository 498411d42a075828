#!/usr/bin/env python3
"""Run `saywho extract` over a corpus with Apache Spark (PySpark).

The saywho binary is shipped to the executors with SparkContext.addFile. Each partition of
article records is piped, one JSON object per line, through

    saywho extract --input jsonl --format jsonl -j N --no-progress -

and the JSON Lines rows it prints become the quotes table, written to OUTPUT/quotes (JSON Lines
part files, or Parquet). Then `saywho check --format jsonl` runs over the table on the driver and
its report is saved as OUTPUT/check.jsonl.

Input: a JSON Lines file of {"id": ..., "text": ...} records (any path Spark can read: local,
hdfs://, s3a://), or a local directory of *.txt articles, which is converted to records on the
driver with the same ids, text and skipping rules as `saywho extract DIR` (ids are the paths as
saywho prints them: `seeds/000_x.txt` for `--input seeds/`).

Example (from the repository root, after `cargo build --release`):

    .venv/bin/python examples/spark/saywho_spark.py --input seeds/ --output /tmp/saywho-spark

See examples/spark/README.md for cluster use.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from array import array
from urllib.parse import urlparse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_BINARY = os.path.join(REPO, "target", "release", "saywho")

# The columns `saywho extract --format jsonl` writes, in order, with their Parquet types.
COLUMNS = [
    ("article", "string"),
    ("start", "long"),
    ("end", "long"),
    ("quote", "string"),
    ("speaker", "string"),
    ("title", "string"),
    ("affiliation", "string"),
    ("party", "string"),
    ("status", "string"),
    ("cue", "string"),
    ("kind", "string"),
    ("method", "string"),
    ("rule", "string"),
    ("paragraph", "long"),
    ("mention", "string"),
    ("title_start", "long"),
    ("title_end", "long"),
    ("date", "string"),
]


def log(msg: str) -> None:
    print(f"saywho_spark: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Directory input: the same walk, ids, text and skips as `saywho extract DIR` (src/pipeline.rs,
# src/article.rs), so that the Spark table equals a direct run row for row.
# --------------------------------------------------------------------------------------------


def _substitute(err: UnicodeDecodeError):
    # saywho replaces every byte of an invalid UTF-8 sequence by U+001A, keeping byte offsets.
    return ("\x1a" * (err.end - err.start), err.end)


codecs.register_error("saywho-substitute", _substitute)


def binary_reason(data: bytes) -> str | None:
    """Why saywho would skip these bytes as binary (a NUL byte or >10% control bytes in 8 KiB)."""
    head = data[:8192]
    nul = head.find(b"\0")
    if nul >= 0:
        return f"NUL byte at offset {nul}"
    if not head:
        return None
    control = sum(1 for b in head if b < 0x20 and b not in (0x0A, 0x0D, 0x09, 0x0C))
    if control * 10 > len(head):
        return f"{control} control bytes in the first {len(head)} bytes"
    return None


def walk_txt(top: str) -> list[str]:
    """The *.txt files under `top` (following symlinks), sorted like saywho sorts them."""
    if not os.path.isdir(top):
        return [top]
    found = []
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        # saywho classifies entries by following symlinks; os.walk already does for directories.
        for name in filenames:
            if os.path.splitext(name)[1] == ".txt":
                found.append(os.path.join(dirpath, name))
    found.sort(key=lambda p: p.split(os.sep))
    return found


def directory_records(top: str) -> tuple[list[str], int]:
    """JSON Lines records for the articles under `top`, and how many files could not be read."""
    records, failed = [], 0
    for path in walk_txt(top):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            log(f"error: {path}: {e.strerror or e}")
            failed += 1
            continue
        reason = binary_reason(data)
        if reason is not None:
            log(f"warning: {path}: skipped: binary file ({reason})")
            continue
        text = data.decode("utf-8", errors="saywho-substitute")
        if len(text.encode("utf-8")) != len(data):  # pragma: no cover - a decoder surprise
            raise RuntimeError(f"{path}: text length changed while decoding")
        # json.dumps escapes newlines, CR and control characters: one record per line.
        records.append(json.dumps({"id": path, "text": text}, ensure_ascii=False))
    return records, failed


# --------------------------------------------------------------------------------------------
# The pipe, run on the executors.
# --------------------------------------------------------------------------------------------

_STDIN_LINE = re.compile(r"(?<=saywho: )((?:warning: )?)-:(\d+)")


def _executable(path: str) -> str:
    """`path` if it can be executed, else an executable copy of it (addFile may drop the bit)."""
    if os.access(path, os.X_OK):
        return path
    try:
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path
    except OSError:
        copy_dir = tempfile.mkdtemp(prefix="saywho-bin-")
        copy = os.path.join(copy_dir, os.path.basename(path))
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o755)
        return copy


def make_partition_runner(binary_name: str, threads: int, labels: str | None, accs):
    """A mapPartitionsWithIndex function piping records through the shipped saywho binary.

    Elements are JSON Lines records (str), or (record, index) pairs when `labels` is set, in which
    case saywho's `-:N` in messages is rewritten to `LABELS:index+1` (the line of the input file).
    Like RDD.pipe, but the binary is found with SparkFiles.get on the executor itself (RDD.pipe's
    command string is fixed on the driver), stderr is forwarded with the records' real names, a
    failed feeder or a non-zero exit fails the task, and an empty partition starts no process.
    """
    records_acc, warnings_acc = accs

    def run(index, elements):
        from pyspark import SparkFiles

        elements = iter(elements)
        try:
            first = next(elements)
        except StopIteration:
            return
        exe = _executable(SparkFiles.get(binary_name))
        cmd = [exe, "extract", "--input", "jsonl", "--format", "jsonl"]
        cmd += ["-j", str(threads), "--no-progress", "-"]
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        sent_index = array("q")  # stdin line number - 1 -> input line index (labels mode)
        feed_error: list[BaseException] = []
        stderr_tail: list[str] = []
        counts = {"records": 0, "warnings": 0}

        def feed():
            try:
                with proc.stdin as out:
                    for el in _chain(first, elements):
                        if labels is not None:
                            rec, i = el
                            sent_index.append(i)
                        else:
                            rec = el
                        if "\n" in rec or "\r" in rec:
                            raise ValueError("a record spans lines; serialize with json.dumps")
                        out.write(rec.encode("utf-8"))
                        out.write(b"\n")
                        counts["records"] += 1
            except BrokenPipeError as e:  # saywho died; its exit code tells why
                feed_error.append(e)
            except BaseException as e:  # noqa: BLE001 - reported from the main thread
                feed_error.append(e)

        def drain_stderr():
            def relabel(m):
                n = int(m.group(2))
                if 0 < n <= len(sent_index):
                    return f"{m.group(1)}{labels}:{sent_index[n - 1] + 1}"
                return m.group(0)

            for raw in proc.stderr:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                if labels is not None:
                    line = _STDIN_LINE.sub(relabel, line)
                if line.startswith("saywho: warning:"):
                    counts["warnings"] += 1
                stderr_tail.append(line)
                del stderr_tail[:-20]
                print(f"[partition {index}] {line}", file=sys.stderr, flush=True)

        feeder = threading.Thread(target=feed, daemon=True)
        drainer = threading.Thread(target=drain_stderr, daemon=True)
        feeder.start()
        drainer.start()
        finished = False
        try:
            for row in proc.stdout:
                yield row.rstrip(b"\n").decode("utf-8")
            finished = True
        finally:
            if not finished:  # the consumer stopped early
                proc.kill()
            code = proc.wait()
            feeder.join()
            drainer.join()
        if feed_error and not isinstance(feed_error[0], BrokenPipeError):
            raise feed_error[0]
        if code != 0 or feed_error:
            raise RuntimeError(
                f"saywho exited with {code} on partition {index}: " + " | ".join(stderr_tail)
            )
        records_acc.add(counts["records"])
        warnings_acc.add(counts["warnings"])

    return run


def _chain(first, rest):
    yield first
    yield from rest


# --------------------------------------------------------------------------------------------
# Driver.
# --------------------------------------------------------------------------------------------


def is_local_path(uri: str) -> bool:
    scheme = urlparse(uri).scheme
    return scheme in ("", "file") or len(scheme) == 1  # len 1: a Windows drive letter


def local_path(uri: str) -> str:
    return urlparse(uri).path if uri.startswith("file:") else uri


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Run `saywho extract` over a corpus with Spark.",
    )
    p.add_argument(
        "--input",
        required=True,
        help="JSON Lines file of {id, text} records (local, hdfs://, s3a://, ...), "
        "or a local directory of *.txt articles",
    )
    p.add_argument("--output", help="output directory (must not hold quotes/)")
    p.add_argument("--saywho", default=DEFAULT_BINARY, help=f"saywho binary to ship (default: {DEFAULT_BINARY})")
    p.add_argument(
        "--master",
        default=None,
        help="Spark master (default: spark-submit's under spark-submit, else local[2])",
    )
    p.add_argument(
        "--format",
        choices=["jsonl", "parquet"],
        default="jsonl",
        help="table format (default: jsonl)",
    )
    p.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="number of partitions (0 = the default parallelism)",
    )
    p.add_argument(
        "--threads-per-task",
        type=int,
        default=0,
        help="saywho -j per task (0 = spark.task.cpus)",
    )
    p.add_argument(
        "--bind",
        default=None,
        help="driver host/bind address (default 127.0.0.1 for local masters, "
        "Spark's own choice otherwise)",
    )
    p.add_argument("--no-check", action="store_true", help="do not run `saywho check`")
    p.add_argument(
        "--convert-to",
        metavar="FILE",
        help="only convert the --input directory to a JSON Lines file of records (no Spark)",
    )
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT/quotes if present")
    return p.parse_args(argv)


def start_spark(args):
    # Under spark-submit (which starts the JVM and passes its gateway port) its --master stands
    # unless --master is given here too.
    master = args.master or (None if "PYSPARK_GATEWAY_PORT" in os.environ else "local[2]")
    local = (master or "").startswith("local")
    bind = args.bind or ("127.0.0.1" if local else None)
    if bind:
        os.environ.setdefault("SPARK_LOCAL_IP", bind)
    if local:
        # Python workers use the driver's interpreter (a virtualenv's, say) unless told otherwise.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("saywho").config("spark.ui.showConsoleProgress", "false")
    if master:
        b = b.master(master)
    if local:
        b = b.config("spark.ui.enabled", "false")
    if bind:
        b = b.config("spark.driver.host", bind).config("spark.driver.bindAddress", bind)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def hadoop_fs(sc, uri: str):
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(sc._jsc.hadoopConfiguration()), path


def name_part_files(sc, quotes_uri: str) -> list[str]:
    """Renames part-NNNNN to part-NNNNN.jsonl (JSON Lines by name for any tool); returns them."""
    fs, base = hadoop_fs(sc, quotes_uri)
    jvm = sc._jvm
    names = []
    for st in fs.listStatus(base):
        name = st.getPath().getName()
        if name.startswith("part-") and not name.endswith(".jsonl"):
            target = jvm.org.apache.hadoop.fs.Path(base, name + ".jsonl")
            if not fs.rename(st.getPath(), target):
                raise RuntimeError(f"could not rename {st.getPath()}")
            names.append(name + ".jsonl")
    return sorted(names)


def run_check(binary: str, table_paths: list[str]) -> tuple[bytes | None, str]:
    """Runs `saywho check --format jsonl PATHS`; (report, message). report None: no report."""
    cmd = [binary, "check", "--format", "jsonl", *table_paths]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        return None, f"warning: could not run saywho check: {e}"
    err = p.stderr.decode("utf-8", "replace").strip()
    if p.returncode == 0:
        return p.stdout, err
    if "unrecognized subcommand" in err or "invalid subcommand" in err:
        return None, "warning: this saywho has no `check` subcommand yet; no check report"
    # 1 = conflicts under --fail-on-conflict (not passed here); anything else is a failure.
    raise RuntimeError(f"saywho check exited with {p.returncode}: {err}")


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    if args.convert_to:
        if not os.path.isdir(args.input):
            log(f"error: --convert-to needs a directory --input, not {args.input}")
            return 1
        records, failed = directory_records(args.input)
        with open(args.convert_to, "w", encoding="utf-8") as f:
            for r in records:
                f.write(r + "\n")
        log(f"{len(records)} records written to {args.convert_to}")
        return 2 if failed else 0
    if not args.output:
        log("error: --output is required")
        return 1
    binary = os.path.abspath(args.saywho)
    if not os.path.isfile(binary):
        log(f"error: no saywho binary at {binary} (run `cargo build --release`)")
        return 2
    quotes_uri = args.output.rstrip("/") + "/quotes"
    check_uri = args.output.rstrip("/") + "/check.jsonl"

    # A local directory (or a single .txt file) holds articles; anything else is JSON Lines.
    input_is_dir = is_local_path(args.input) and (
        os.path.isdir(local_path(args.input)) or args.input.endswith(".txt")
    )
    exit_code = 0
    if input_is_dir:
        records, failed = directory_records(local_path(args.input))
        if failed:
            exit_code = 2  # like saywho: some inputs could not be read, the rest is processed
        log(f"{len(records)} articles read from {args.input}")

    spark = start_spark(args)
    sc = spark.sparkContext
    try:
        sc.addFile(binary)
        binary_name = os.path.basename(binary)
        threads = args.threads_per_task or int(sc.getConf().get("spark.task.cpus", "1"))
        partitions = args.partitions or sc.defaultParallelism
        accs = (sc.accumulator(0), sc.accumulator(0))

        if input_is_dir:
            # Few records per partition would waste a process start each; never more than needed.
            n = max(1, min(partitions, len(records)))
            rdd = sc.parallelize(records, n)
            runner = make_partition_runner(binary_name, threads, None, accs)
        else:
            # Raw lines go through unchanged, so saywho sees exactly what a direct run sees; the
            # line index names bad records in messages as a direct run would (FILE:LINE).
            rdd = sc.textFile(args.input, minPartitions=partitions).zipWithIndex()
            runner = make_partition_runner(binary_name, threads, args.input, accs)
        rows = rdd.mapPartitionsWithIndex(runner, preservesPartitioning=True)

        fs, out_path = hadoop_fs(sc, quotes_uri)
        if fs.exists(out_path):
            if not args.overwrite:
                raise RuntimeError(f"{quotes_uri} exists (pass --overwrite to replace it)")
            fs.delete(out_path, True)

        if args.format == "jsonl":
            rows.saveAsTextFile(quotes_uri)
            if is_local_path(quotes_uri):
                # part-NNNNN -> part-NNNNN.jsonl; a rename is a copy on object stores, so only here.
                name_part_files(sc, quotes_uri)
            done_extract = time.monotonic()
            # Count the written table rather than run saywho a second time.
            row_count = sc.textFile(quotes_uri).count()
        else:
            # Cache the rows: they are counted, written, and (for the check) read again.
            rows = rows.persist()
            row_count = rows.count()
            to_dataframe(spark, rows).write.parquet(quotes_uri)
            done_extract = time.monotonic()

        if not args.no_check:
            check_table(sc, binary, quotes_uri, check_uri, rows, args.format)
    finally:
        spark.stop()

    wall = time.monotonic() - started
    log(
        f"{accs[0].value} records, {row_count} rows, {accs[1].value} saywho warnings; "
        f"table {quotes_uri} ({args.format}); extract {done_extract - started:.2f} s"
    )
    print(f"rows: {row_count}")
    print(f"wall time: {wall:.2f} s")
    return exit_code


def to_dataframe(spark, rows):
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    first = rows.take(1)
    expected = [c for c, _ in COLUMNS]
    if first and list(json.loads(first[0]).keys()) != expected:
        log("warning: saywho's columns changed; inferring the Parquet schema")
        df = spark.read.json(rows)
        return df.select(*json.loads(first[0]).keys())
    types = {"string": StringType(), "long": LongType()}
    schema = StructType([StructField(c, types[t], True) for c, t in COLUMNS])
    return spark.read.schema(schema).json(rows)


def check_table(sc, binary, quotes_uri, check_uri, rows, fmt):
    """Runs `saywho check` over the written table and saves its report as check_uri."""
    tmp = None
    try:
        if fmt == "jsonl" and is_local_path(quotes_uri):
            targets = [local_path(quotes_uri)]
        else:
            # check reads local .jsonl/.csv tables: bring the rows to the driver first.
            tmp = tempfile.mkdtemp(prefix="saywho-check-")
            local_table = os.path.join(tmp, "quotes.jsonl")
            with open(local_table, "w", encoding="utf-8") as f:
                source = sc.textFile(quotes_uri) if fmt == "jsonl" else rows
                for line in source.toLocalIterator():
                    f.write(line + "\n")
            targets = [local_table]
        report, message = run_check(binary, targets)
        if message:
            log(message)
        if report is None:
            return
        if is_local_path(check_uri):
            with open(local_path(check_uri), "wb") as f:
                f.write(report)
        else:
            fs, path = hadoop_fs(sc, check_uri)
            out = fs.create(path, True)
            out.write(bytearray(report))
            out.close()
        lines = report.count(b"\n")
        log(f"check report: {check_uri} ({lines} lines)")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

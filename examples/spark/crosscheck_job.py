"""Checks an archive of pairs with crosscheck on Spark.

Reads a JSON Lines archive of pairs (the lines `crosscheck check --pairs -` reads), pipes each
partition's lines through one `crosscheck check --pairs - --format json --fail-on never`
process, and writes its JSON lines, one per pair, with `saveAsTextFile`.

Order: the output keeps the archive's order. Spark's `textFile` cuts the archive into
partitions in order, crosscheck answers each partition's lines in their order, and
`saveAsTextFile` writes partition N to `part-0000N`; so the part files read in name order
(`cat OUTPUT/part-*`) are the archive's lines in order, each answered.

Paths: a pair's relative paths are resolved against `--root` (crosscheck runs there, and
refuses paths that lead out of it), which must be the same folder on every worker; with the
texts inline (`summary_text`, `source_text`) the workers need the binary only.

Threads: each crosscheck uses as many threads as its task has cores (`spark.task.cpus`, one
by default), so Spark's count of tasks is the count of busy cores.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading

from pyspark import TaskContext
from pyspark.sql import SparkSession


def parse_arguments(argv):
    """The job's command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "archive", help="JSON Lines of pairs: a file, folder or glob that Spark reads"
    )
    parser.add_argument("output", help="folder for the JSON Lines results; must not exist")
    parser.add_argument(
        "--crosscheck", required=True, help="the crosscheck binary, the same on every worker"
    )
    parser.add_argument("--root", help="the folder the pairs' relative paths are relative to")
    parser.add_argument(
        "--partitions", type=int, help="the least number of partitions to cut the archive into"
    )
    parser.add_argument("--master", help="Spark master (local[2], ...); spark-submit's by default")
    return parser.parse_args(argv)


def check_partition(crosscheck, root):
    """A `mapPartitions` function: one crosscheck process over the partition's pairs."""

    def check(lines):
        pairs = [line for line in lines if line.strip()]
        if not pairs:
            return  # crosscheck refuses a stream without a pair
        task = TaskContext.get()
        env = dict(os.environ, RAYON_NUM_THREADS=str(task.cpus() if task else 1))
        command = [crosscheck, "check", "--pairs", "-", "--format", "json", "--fail-on", "never"]
        with tempfile.TemporaryFile() as stderr:
            process = subprocess.Popen(
                command,
                cwd=root,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
            # Fed from a thread while the results are read, so neither pipe fills up.
            feeder = threading.Thread(target=feed, args=(process.stdin, pairs))
            feeder.start()
            answered = 0
            for result in process.stdout:
                answered += 1
                yield result.decode("utf-8").rstrip("\n")
            feeder.join()
            code = process.wait()
            # Exit 2 with every pair answered is a pair that could not be read: its line
            # says why. Anything else is crosscheck failing.
            if answered != len(pairs) or code not in (0, 2):
                stderr.seek(0)
                message = stderr.read().decode("utf-8", "replace")[-4000:]
                raise RuntimeError(
                    f"crosscheck answered {answered} of {len(pairs)} pairs, exit {code}: {message}"
                )

    return check


def feed(stdin, pairs):
    """Writes the pairs to crosscheck's standard input, one per line, and closes it."""
    try:
        for pair in pairs:
            stdin.write(pair.encode("utf-8") + b"\n")
    except BrokenPipeError:
        pass  # crosscheck stopped early; the count of its answers tells
    finally:
        try:
            stdin.close()
        except BrokenPipeError:
            pass


def main(argv):
    """Runs the job."""
    arguments = parse_arguments(argv)
    builder = SparkSession.builder.appName("crosscheck")
    if arguments.master:
        builder = builder.master(arguments.master)
        if arguments.master.startswith("local"):
            # The workers run this machine's Python: the one running this job.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    # A path, not a name on PATH, is made absolute: crosscheck runs in --root.
    crosscheck = arguments.crosscheck
    if os.sep in crosscheck:
        crosscheck = os.path.abspath(crosscheck)
    root = os.path.abspath(arguments.root) if arguments.root else None
    archive = spark.sparkContext.textFile(arguments.archive, arguments.partitions)
    archive.mapPartitions(check_partition(crosscheck, root)).saveAsTextFile(arguments.output)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])

"""X-Ray for the embedded cloud: Lambda traces, the daemon address handlers send SDK segments to."""

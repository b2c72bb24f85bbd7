"""The Step Functions console: state machines, definition editor with graph, executions.

asl_* (check, layout, graph drawing) and sfn_history are pure, free of Textual.
"""

"""The X-Ray console: traces in a time range, a trace's waterfall, the service map.

xray_model (trace rows, the waterfall, the map's text graph) is free of Textual.
"""

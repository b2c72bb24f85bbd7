"""API Gateway's data plane (REST and HTTP APIs) and Lambda function URLs on loopback.

``plugin.py`` mounts it in front of moto; ``seams.py`` is the only reader of moto's models.
"""

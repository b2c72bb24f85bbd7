"""API Gateway console: REST APIs (resources tree, methods, Lambda proxy integrations, test,
deploy to stages, invoke URLs), API keys and usage plans, HTTP APIs and their routes.
"""

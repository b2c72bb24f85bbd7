"""Step Functions beyond moto: Express StartSyncExecution and execution logging to CloudWatch Logs."""

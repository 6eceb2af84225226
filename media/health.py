"""Storage health for /healthz: S3 bucket reachable, or local folder writable."""

import os

from django.conf import settings


def storage_health():
    if settings.AWS_STORAGE_BUCKET_NAME:
        return _s3_health()
    root = settings.MEDIA_ROOT
    try:
        os.makedirs(root, exist_ok=True)
    except OSError as exc:
        return {"state": "down", "backend": "local", "detail": str(exc)}
    if not os.access(root, os.W_OK):
        return {"state": "down", "backend": "local", "detail": "sin permiso de escritura"}
    return {"state": "ok", "backend": "local"}


def s3_client(connect_timeout=2, read_timeout=5, retries=1):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=settings.AWS_S3_ENDPOINT_URL or None,
        region_name=settings.AWS_S3_REGION_NAME,
        aws_access_key_id=settings.AWS_ACCESS_KEY_ID,
        aws_secret_access_key=settings.AWS_SECRET_ACCESS_KEY,
        config=Config(
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries={"max_attempts": retries},
        ),
    )


def _s3_health():
    from botocore.exceptions import BotoCoreError, ClientError

    bucket = settings.AWS_STORAGE_BUCKET_NAME
    try:
        s3_client().head_bucket(Bucket=bucket)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "error")
        return {"state": "down", "backend": "s3", "bucket": bucket, "detail": code}
    except BotoCoreError as exc:
        return {"state": "down", "backend": "s3", "bucket": bucket, "detail": str(exc)}
    return {"state": "ok", "backend": "s3", "bucket": bucket}

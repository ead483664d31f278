// The thumbnail resizer's handler, checking the S3 event it is given as a real one
// would before it reads the object (scenarios/code-in-the-loop.yaml). Any surprise
// in the event's shape throws, which slsim counts as a function error.
const SIZES = [128, 512, 1024];

export const handler = async (event, context) => {
  if (!Array.isArray(event.Records) || event.Records.length !== 1) throw new TypeError('an S3 notification carries one record');
  const [record] = event.Records;
  if (record.eventSource !== 'aws:s3' || !record.eventName.startsWith('ObjectCreated:')) {
    throw new TypeError(`not an object-created event: ${record.eventSource} ${record.eventName}`);
  }
  const bucket = record.s3.bucket.name;
  const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
  if (!key.startsWith('uploads/') || !/\.(jpg|png)$/.test(key)) throw new Error(`unexpected key ${key}`);
  if (typeof record.s3.object.size !== 'number') throw new TypeError('object size missing');
  const thumbnails = SIZES.map((size) => `thumbs/${size}/${key.slice('uploads/'.length)}`);
  console.log(`resizing s3://${bucket}/${key} (${record.s3.object.size} bytes) into ${thumbnails.length} thumbnails`, context.awsRequestId);
  return { bucket, thumbnails };
};

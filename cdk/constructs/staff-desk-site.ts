/**
 * The staff desk (and the chat widget script) as a static site: a private S3 bucket behind
 * CloudFront with origin access control, HTTPS only, security headers. `/api/*` on the same
 * distribution forwards to the HTTP API uncached, so the desk calls its API same-origin (no CORS).
 * The files come from `web/dist` (the web build); without it the site is created empty.
 */
import { existsSync } from 'node:fs';
import { Annotations, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface StaffDeskSiteProps {
  /** The built web app (`web/dist`); skipped with a note when missing. */
  siteDir: string;
  /** HTTP API base URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com */
  apiUrl: string;
  accessLogs: IBucket;
  deploymentLogGroup?: ILogGroup;
  prod: boolean;
}

export class StaffDeskSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly deployed: boolean;

  constructor(scope: Construct, id: string, props: StaffDeskSiteProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: props.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.prod,
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.apiUrl));
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Mujib staff desk and chat widget',
      defaultRootObject: 'staff.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain, { readTimeout: Duration.seconds(30) }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Staff and customers may be anywhere; no geo restriction is wanted.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static files plus an API that is throttled at the stage and JWT-protected for staff; add a WAF web ACL when traffic warrants its cost.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'Uses the default *.cloudfront.net certificate (TLS 1.2 negotiated by modern browsers); attach a custom domain and certificate with TLSv1.2_2021 for production.',
      },
    );

    this.deployed = existsSync(props.siteDir);
    if (this.deployed) {
      new BucketDeployment(this, 'DeployFiles', {
        sources: [Source.asset(props.siteDir)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 256,
        logGroup: props.deploymentLogGroup,
      });
    } else {
      Annotations.of(this).addInfo(
        `${props.siteDir} not found: the staff desk site is created empty (run the web build, then deploy again).`,
      );
    }
  }

  /** https URL of the staff desk. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/staff.html`;
  }
}

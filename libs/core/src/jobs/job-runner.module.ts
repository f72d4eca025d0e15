import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRunner } from './job-runner';

/** Imported by the worker app only: the API enqueues, it never processes. */
@Module({ imports: [DiscoveryModule], providers: [JobRunner] })
export class JobRunnerModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankModule } from '@assay/bank';
import { CatalogModule } from '@assay/catalog';
import { WebhooksModule } from '@assay/webhooks';
import { Paper } from './entities/paper.entity';
import { PaperSection, PaperSectionQuestion } from './entities/paper-section.entity';
import { PaperVersion } from './entities/paper-version.entity';
import { PaperSnapshotBuilder } from './paper-snapshot.builder';
import { PapersController } from './papers.controller';
import { PapersService } from './papers.service';
import { PublishedPapers } from './published-papers';
import { PublishingService } from './publishing.service';

@Module({
  imports: [TypeOrmModule.forFeature([Paper, PaperSection, PaperSectionQuestion, PaperVersion]), BankModule, CatalogModule, WebhooksModule],
  controllers: [PapersController],
  providers: [PapersService, PublishingService, PaperSnapshotBuilder, PublishedPapers],
  exports: [PapersService, PublishingService, PublishedPapers],
})
export class PapersModule {}

import { Module } from '@nestjs/common';
import { BankModule } from '@assay/bank';
import { CatalogModule } from '@assay/catalog';
import { PapersModule } from '@assay/papers';
import { ImportsController } from './imports.controller';
import { PaperDocumentsService } from './paper-documents.service';
import { PaperImportsService } from './paper-imports.service';
import { QuestionBankTransferService } from './question-bank-transfer.service';

/** Paper documents and question-bank spreadsheets in and out; the reading itself is @assay/paper-import. */
@Module({
  imports: [BankModule, CatalogModule, PapersModule],
  controllers: [ImportsController],
  providers: [PaperDocumentsService, PaperImportsService, QuestionBankTransferService],
  exports: [PaperDocumentsService, PaperImportsService, QuestionBankTransferService],
})
export class ImportsModule {}

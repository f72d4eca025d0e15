import { ApiProperty } from '@nestjs/swagger';
import { Equals } from 'class-validator';

/** An erasure cannot be undone: the caller says so explicitly. */
export class EraseCandidateDto {
  @ApiProperty({ enum: [true], description: "Must be `true`: the candidate's personal data is erased for good." })
  @Equals(true)
  confirm!: true;
}

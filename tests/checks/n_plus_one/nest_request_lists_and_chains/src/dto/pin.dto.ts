import { ArrayMaxSize, IsArray, IsDefined, IsString, ValidateNested } from 'class-validator';

export class PinTarget {
  @IsDefined()
  cardId: string;
}

// What a client posts: the list is as long as the client makes it.
export class PinCardsDto {
  @IsString()
  label: string;

  @IsArray()
  @ValidateNested({ each: true })
  targets: PinTarget[];

  // capped by its validator: a handful at most
  @IsArray()
  @ArrayMaxSize(3)
  featured: PinTarget[];
}

// A plain class, no validation: not known to be request input.
export class PinPlan {
  targets: PinTarget[];
}

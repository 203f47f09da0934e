import { Body, Controller, Post } from '@nestjs/common';
import { PasswordService } from './password.service';

@Controller('/auth')
export class AuthController {
  constructor(private _passwords: PasswordService) {}

  @Post('/login')
  login(@Body() body: { password: string; salt: string; stored: string }) {
    return this._passwords.check(body.password, body.salt, body.stored);
  }
}

export { useSignOut } from './api/auth';
export { SignInForm } from './components/SignInForm';
